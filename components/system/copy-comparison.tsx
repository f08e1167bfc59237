import Link from "next/link";
import { SimpleTable, textCell } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatDuration } from "@/lib/format";
import type { CopyComparison } from "@/lib/schemas/system";
import { EntityReplayButton } from "./entity-replay-button";

export const comparisonStyle: Record<CopyComparison["state"], string> = {
  consistent: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  stale: "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-200",
  diverged: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  missing: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  orphan: "bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-slate-200",
};

export function ComparisonBadge({ state }: { state: CopyComparison["state"] }) {
  return <span className={cn("rounded px-1.5 py-0.5 text-xs font-medium", comparisonStyle[state])}>{state}</span>;
}

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** Why a copy is what it is, in one sentence. */
export function comparisonText(c: CopyComparison): string {
  const versions = c.sourceVersion !== null && c.copyVersion !== null ? ` (source at version ${c.sourceVersion}, copy at ${c.copyVersion})` : "";
  switch (c.state) {
    case "consistent":
      return `The copy agrees with the source${versions}.`;
    case "stale":
      return `The copy has not applied the source's latest change${versions}${c.staleSeconds !== null ? `; stale for up to ${formatDuration(c.staleSeconds)}` : ""}.`;
    case "diverged":
      return `The copy differs although it is not behind${versions}: it was changed by something other than the events.`;
    case "missing":
      return `The copy has no document for this id${c.staleSeconds !== null ? `; the source changed ${formatDuration(c.staleSeconds)} ago` : ""}.`;
    case "orphan":
      return "The copy has a document the source does not.";
  }
}

/** One entity's copy compared with its source: state, the fields that differ, and the entity replay. */
export function ComparisonDetail({ comparison: c, traceLink = false }: { comparison: CopyComparison; traceLink?: boolean }) {
  return (
    <div className="space-y-2 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <ComparisonBadge state={c.state} />
        <span className="font-medium">{c.copy}</span>
        {traceLink && (
          <Link href={`/system/trace?entity=${encodeURIComponent(c.entity)}&id=${encodeURIComponent(c.id)}`} className="font-mono text-accent hover:underline">
            {c.id}
          </Link>
        )}
      </p>
      <p className="text-muted">{comparisonText(c)}</p>
      {c.differences.length > 0 && (
        <SimpleTable columns={[{ label: "Field" }, { label: "Source" }, { label: "Copy" }]}>
          {c.differences.map((d) => (
            <tr key={d.field} className="border-t border-line">
              <td className={cn(textCell, "font-mono")}>{d.field}</td>
              <td className={cn(textCell, "font-mono")}>{show(d.source)}</td>
              <td className={cn(textCell, "font-mono text-muted")}>{show(d.copy)}</td>
            </tr>
          ))}
        </SimpleTable>
      )}
      {c.replay && <EntityReplayButton replay={c.replay} />}
    </div>
  );
}
