"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { ChevronRight } from "lucide-react";
import { useRef, useState } from "react";
import { cn } from "@/lib/cn";
import { formatInstant, timeAgo } from "@/lib/replay/describe";
import type { AuditEntry } from "@/lib/schemas/audit";

const outcomeDots: Record<AuditEntry["outcome"], string> = { ok: "bg-ok", refused: "bg-amber-500", failed: "bg-bad" };

/** The outcome as a colored dot with its word (color alone never carries it). */
export function OutcomeDot({ outcome }: { outcome: AuditEntry["outcome"] }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs">
      <span aria-hidden className={cn("size-2 shrink-0 rounded-full", outcomeDots[outcome])} />
      {outcome}
    </span>
  );
}

const preview = (value: unknown) => (value !== null && typeof value === "object" ? JSON.stringify(value) : String(value));

/** Details folded to one line ("status 403 · role viewer"): a button that opens the whole record under the row. */
function DetailsToggle({ entry, open, onToggle }: { entry: AuditEntry; open: boolean; onToggle: () => void }) {
  const entries = Object.entries(entry.details);
  if (entries.length === 0) return <span className="text-muted">—</span>;
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={open ? `audit-details-${entry.id}` : undefined}
      onClick={onToggle}
      className="flex w-full min-w-0 items-center gap-1 rounded text-left text-muted hover:text-ink"
    >
      <ChevronRight aria-hidden className={cn("size-3.5 shrink-0 transition-transform", open && "rotate-90")} />
      <span className="truncate">{entries.map(([name, value]) => `${name} ${preview(value)}`).join(" · ")}</span>
    </button>
  );
}

const columns = [
  { label: "When", className: "w-48" },
  { label: "Who", className: "w-28" },
  { label: "Action", className: "w-52" },
  { label: "Target", className: "w-52" },
  { label: "Outcome", className: "w-24" },
  { label: "Details" },
];

/**
 * Audit entries as the API returns them (newest first), virtualized: an export-sized list of
 * 1,000 stays fast. Each entry is its own measured <tbody>, so a row opened to its details
 * (a second, full-width row) pushes the rest down.
 */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 37,
    overscan: 12,
    getItemKey: (index) => entries[index]!.id,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const now = Date.now();
  return (
    <div ref={scrollRef} className="max-h-[calc(100vh-19rem)] min-h-40 overflow-auto" data-testid="audit-scroll">
      <table className="w-full table-fixed text-sm">
        <thead className="sticky top-0 z-10 bg-surface shadow-[0_1px_0_var(--color-line)]">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={cn("px-3 py-2 text-left font-medium text-muted", column.className)}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        {padTop > 0 && (
          <tbody aria-hidden>
            <tr style={{ height: padTop }} />
          </tbody>
        )}
        {items.map((item) => {
          const entry = entries[item.index]!;
          const isOpen = open.has(entry.id);
          return (
            <tbody
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="border-t border-line hover:bg-canvas"
              data-testid="audit-row"
            >
              <tr className="align-top">
                <td className="px-3 py-2 font-mono text-xs whitespace-nowrap" title={timeAgo(entry.at, now)}>
                  <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
                </td>
                <td className="truncate px-3 py-2 font-mono text-xs" title={entry.actor}>
                  {entry.actor}
                </td>
                <td className="px-3 py-2 font-mono text-xs break-words">{entry.action}</td>
                <td className="px-3 py-2 font-mono text-xs break-all">{entry.target}</td>
                <td className="px-3 py-2">
                  <OutcomeDot outcome={entry.outcome} />
                </td>
                <td className="px-3 py-2 text-xs">
                  <DetailsToggle entry={entry} open={isOpen} onToggle={() => toggle(entry.id)} />
                </td>
              </tr>
              {isOpen && (
                <tr id={`audit-details-${entry.id}`}>
                  <td colSpan={columns.length} className="px-3 pb-3">
                    <pre className="max-h-72 overflow-auto rounded border border-line bg-canvas p-2 font-mono text-xs whitespace-pre-wrap">
                      {JSON.stringify(entry.details, null, 2)}
                    </pre>
                  </td>
                </tr>
              )}
            </tbody>
          );
        })}
        {padBottom > 0 && (
          <tbody aria-hidden>
            <tr style={{ height: padBottom }} />
          </tbody>
        )}
      </table>
    </div>
  );
}
