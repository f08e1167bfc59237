import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/** One figure in a page's summary row: a small label over a large monospace value (inside a <dl>). */
export function Stat({ label, value, strong, testId }: { label: string; value: ReactNode; strong?: boolean; testId?: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-line bg-surface px-4 py-3">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className={cn("truncate font-mono text-lg tabular-nums", strong && "font-semibold")} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
