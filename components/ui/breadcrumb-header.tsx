import Link from "next/link";
import type { ReactNode } from "react";

/** A detail page's top: the trail back to its list (last crumb is the page itself), its title and actions. */
export function BreadcrumbHeader({
  trail,
  title,
  actions,
  description,
}: {
  trail: Array<{ label: string; href?: string; mono?: boolean }>;
  title: ReactNode;
  actions?: ReactNode;
  description?: string;
}) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        {trail.map((crumb, i) => (
          <span key={crumb.label}>
            {i > 0 && " / "}
            {crumb.href ? (
              <Link href={crumb.href} className={crumb.mono ? "font-mono hover:underline" : "hover:underline"}>
                {crumb.label}
              </Link>
            ) : (
              <span className={crumb.mono ? "font-mono text-ink" : "text-ink"}>{crumb.label}</span>
            )}
          </span>
        ))}
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {description && <p className="text-sm text-muted">{description}</p>}
        </div>
        {actions}
      </div>
    </>
  );
}
