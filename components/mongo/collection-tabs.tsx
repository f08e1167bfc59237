"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

/** Documents · Indexes · Aggregate of one collection; the current one marked for eyes and screen readers. */
export function CollectionTabs({ db, collection }: { db: string; collection: string }) {
  const pathname = usePathname();
  const base = `/mongo/${encodeURIComponent(db)}/${encodeURIComponent(collection)}`;
  const tabs = [
    { href: base, label: "Documents", active: pathname === base || pathname.startsWith(`${base}/doc/`) },
    { href: `${base}/indexes`, label: "Indexes", active: pathname.startsWith(`${base}/indexes`) },
    { href: `${base}/aggregate`, label: "Aggregate", active: pathname.startsWith(`${base}/aggregate`) },
  ];
  return (
    <nav aria-label="Collection" className="flex gap-1 border-b border-line">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.active ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-1.5 text-sm",
            tab.active ? "border-accent font-medium text-ink" : "border-transparent text-muted hover:text-ink",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
