"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { Fragment, useMemo, useState } from "react";
import { Card } from "@/components/ui/card";
import { formatCount } from "@/lib/format";
import type { MessageSearchState } from "@/lib/queries/kafka-messages";
import type { KafkaMessage, ScanEndReason } from "@/lib/schemas/kafka-messages";
import { MessageDetails } from "./message-details";
import { MessageCells, MessageTableHead } from "./message-table";
import { InlineError } from "@/components/ui/inline-error";

const endings: Record<ScanEndReason, (search: MessageSearchState) => string> = {
  end: () => "Read to the end of the chosen partitions.",
  "scan-cap": (s) => `Stopped at the scan cap of ${s.maxScan.toLocaleString("en-US")} messages: raise it, or start later, to read further.`,
  "match-cap": (s) => `Stopped after ${s.matched.toLocaleString("en-US")} matches (the most it shows): narrow the filter or raise the cap.`,
  stopped: () => "Stopped.",
  "time-limit": () => "Stopped after two minutes of reading: narrow the range.",
};

function ScanProgressBar({ search }: { search: MessageSearchState }) {
  const goal = Math.max(1, Math.min(search.total, search.maxScan || search.total));
  const percent = search.status === "done" ? 100 : Math.min(100, Math.round((search.scanned / goal) * 100));
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p aria-live="polite" data-testid="scan-counter">
          <span className="font-mono tabular-nums">{search.scanned.toLocaleString("en-US")}</span> scanned of{" "}
          <span className="font-mono tabular-nums">{goal.toLocaleString("en-US")}</span>
          {search.total > search.maxScan && search.maxScan > 0 && <span className="text-muted"> (cap; {formatCount(search.total)} in range)</span>} ·{" "}
          <span className="font-mono tabular-nums">{search.matched.toLocaleString("en-US")}</span> {search.matched === 1 ? "match" : "matches"}
        </p>
        <p className="text-muted" data-testid="scan-status">
          {search.status === "running" ? "Reading…" : search.status === "done" && search.reason ? endings[search.reason](search) : ""}
        </p>
      </div>
      <div
        role="progressbar"
        aria-label="Messages scanned"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-1.5 overflow-hidden rounded-full bg-line"
      >
        <div className={`h-full bg-accent transition-[width] ${search.status === "running" ? "" : "opacity-60"}`} style={{ width: `${percent}%` }} />
      </div>
      {search.unreadable.length > 0 && (
        <div role="alert" className="text-sm text-bad" data-testid="scan-unreadable">
          {search.unreadable.length === 1 ? "One batch was" : `${search.unreadable.length} batches were`} passed over: their records cannot be read.
          <ul className="mt-1 list-disc pl-5 font-mono text-xs">
            {search.unreadable.slice(0, 5).map((u) => (
              <li key={`${u.partition}:${u.from}`}>
                partition {u.partition}, offsets {u.from}–{u.to} ({u.codec}): {u.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function sortMessages(messages: KafkaMessage[], newestFirst: boolean): KafkaMessage[] {
  const sorted = [...messages].sort(
    (a, b) => Number(a.timestamp) - Number(b.timestamp) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
  );
  return newestFirst ? sorted.reverse() : sorted;
}

/** Progress of the running search and the matches so far; a row opens the message's details. */
export function MessageBrowserResults({ topic, search, newestFirst }: { topic: string; search: MessageSearchState; newestFirst: boolean }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const rows = useMemo(() => sortMessages(search.messages, newestFirst), [search.messages, newestFirst]);
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Card className="space-y-3 p-0" aria-label="Matching messages">
      <div className="px-4 pt-4">
        <ScanProgressBar search={search} />
        {search.status === "error" && <InlineError className="mt-2">{search.error}</InlineError>}
      </div>
      {rows.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-muted">
          {search.status === "running"
            ? "No matches yet."
            : search.status === "done"
              ? "No message matched. Start earlier (Earliest), choose more partitions, raise the scan cap or loosen the filter."
              : ""}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full table-fixed text-sm">
            <MessageTableHead details className="border-t border-line" />
            <tbody>
              {rows.map((m) => {
                const id = `${m.partition}:${m.offset}`;
                const expanded = open.has(id);
                return (
                  <Fragment key={id}>
                    <tr className="cursor-pointer border-t border-line hover:bg-canvas" onClick={() => toggle(id)} data-testid="message-row">
                      <td className="px-2 py-1.5">
                        <button
                          type="button"
                          aria-expanded={expanded}
                          aria-label={`Message ${id}`}
                          className="flex items-center rounded text-muted hover:text-ink"
                          onClick={(event) => {
                            event.stopPropagation();
                            toggle(id);
                          }}
                        >
                          {expanded ? <ChevronDown aria-hidden className="size-4" /> : <ChevronRight aria-hidden className="size-4" />}
                        </button>
                      </td>
                      <MessageCells message={m} />
                    </tr>
                    {expanded && (
                      <tr className="bg-canvas/50">
                        <td colSpan={6} className="px-4 py-3">
                          <MessageDetails topic={topic} message={m} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
