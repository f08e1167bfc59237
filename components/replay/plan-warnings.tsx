import { TriangleAlert } from "lucide-react";

/** The dry run's warnings, set apart so they are read before anything is started. */
export function PlanWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <section
      aria-label="Warnings"
      className="rounded-lg border border-amber-500/60 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <ul className="space-y-1.5">
        {warnings.map((warning) => (
          <li key={warning} className="flex gap-2">
            <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-700 dark:text-amber-300" />
            <span>{warning}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
