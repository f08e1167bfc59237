"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { messageHref } from "@/components/kafka/message-details";
import { MessageCells, MessageTableHead } from "@/components/kafka/message-table";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { numericCell, SimpleTable } from "@/components/ui/table";
import { formatCount, formatDuration } from "@/lib/format";
import { partitionsText, rangeText } from "@/lib/replay/describe";
import { replayHeaders, type RepublishPlan } from "@/lib/schemas/replay";
import { PlanWarnings } from "./plan-warnings";

/** "1,234" when exact, "≈ 1,234" when extrapolated from the part scanned. */
export function matchedText(plan: Pick<RepublishPlan, "matched" | "exact">): string {
  return `${plan.exact ? "" : "≈ "}${plan.matched.toLocaleString("en-US")}`;
}

export function mappingText(plan: RepublishPlan): string {
  return plan.target.mapping === "same-partition"
    ? "Same partition: an event read from partition p is written to partition p, so keys stay where they were and their order is kept."
    : `By key: the partition counts differ, so each event goes to the partition its key hashes to among ${plan.target.partitions} (events without a key: source partition mod ${plan.target.partitions}). Order is kept per key.`;
}

function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <Card className="p-0">
      <div className="flex flex-wrap items-baseline justify-between gap-2 px-3 pt-3">
        <h3 className="text-sm font-semibold">{title}</h3>
        {aside}
      </div>
      {children}
    </Card>
  );
}

/** The dry run of a re-publish: what is read per partition, what matches, where it goes and who sees it. */
export function RepublishPlanView({ plan, createTarget }: { plan: RepublishPlan; createTarget: ReactNode }) {
  const { spec, target } = plan;
  return (
    <div className="space-y-4">
      <PlanWarnings warnings={plan.warnings} />
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Records in range" value={formatCount(plan.records)} testId="plan-records" />
        <Stat label={plan.exact ? "Events to copy" : "Events to copy (estimated)"} value={matchedText(plan)} strong testId="plan-matched" />
        <Stat label="Target partitions" value={target.exists ? target.partitions : "missing"} />
        <Stat label="Estimated duration" value={formatDuration(plan.estimatedSeconds)} />
      </dl>
      <p className="text-sm text-muted">
        Reads {partitionsText(spec.source.partitions)} of <span className="font-mono text-ink">{spec.source.topic}</span>, {rangeText(spec.source.range)}
        {spec.filter ? (
          <>
            , keeping events where <code className="font-mono text-ink">{spec.filter}</code>
          </>
        ) : (
          ", every event"
        )}
        . {plan.exact ? "The counts are exact." : `Matches are estimated from the first ${plan.scanned.toLocaleString("en-US")} records scanned.`}
      </p>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Per partition">
          <SimpleTable
            className="mt-2"
            columns={[
              { label: "Partition", numeric: true },
              { label: "From", numeric: true },
              { label: "To (excl.)", numeric: true },
              { label: "Records", numeric: true },
              { label: "Matching", numeric: true },
            ]}
          >
            {plan.ranges.map((r) => (
              <tr key={r.partition} className="border-t border-line" data-testid="plan-partition-row">
                <td className={numericCell}>{r.partition}</td>
                <td className={numericCell}>{r.from}</td>
                <td className={numericCell}>{r.to}</td>
                <td className={numericCell}>{formatCount(r.records)}</td>
                <td className={numericCell}>
                  {r.matched === null ? (
                    <span className="text-muted" title="Not scanned: counted in the estimate">
                      —
                    </span>
                  ) : (
                    formatCount(r.matched)
                  )}
                </td>
              </tr>
            ))}
            <tr className="border-t-2 border-line font-semibold">
              <th scope="row" colSpan={3} className="px-3 py-1.5 text-left">
                Total
              </th>
              <td className={numericCell}>{formatCount(plan.records)}</td>
              <td className={numericCell}>{matchedText(plan)}</td>
            </tr>
          </SimpleTable>
        </Section>

        <div className="space-y-4">
          <Section title="Target">
            <div className="space-y-2 px-3 pb-3 pt-2 text-sm">
              <p>
                <span className="font-mono font-medium">{target.topic}</span>{" "}
                {target.exists ? (
                  <span className="text-muted">
                    · {target.partitions} partition{target.partitions === 1 ? "" : "s"}
                    {target.topic === spec.source.topic && " · the source itself"}
                  </span>
                ) : (
                  <span className="font-medium text-bad">does not exist</span>
                )}
              </p>
              {target.exists ? <p className="text-muted">{mappingText(plan)}</p> : createTarget}
              <p className="text-muted">
                Written {target.compression === "none" ? "uncompressed" : `${target.compression}-compressed`}
                {target.compressionFrom === "topic" ? " (the target topic's compression.type)" : " (chosen here)"}.
              </p>
            </div>
          </Section>
          <Section title="Who will see the events">
            <div className="space-y-2 px-3 pb-3 pt-2 text-sm">
              {plan.consumers.length === 0 ? (
                <p className="text-muted">No consumer group reads {target.topic}: nothing reacts to the replayed events until one does.</p>
              ) : (
                <ul className="divide-y divide-line rounded-md border border-line">
                  {plan.consumers.map((c) => (
                    <li key={c.groupId} className="flex items-center justify-between gap-3 px-2 py-1">
                      <Link href={`/kafka/groups/${encodeURIComponent(c.groupId)}`} className="truncate font-mono text-accent hover:underline">
                        {c.groupId}
                      </Link>
                      <span className="shrink-0 text-xs text-muted">
                        {c.state} · {c.members} member{c.members === 1 ? "" : "s"}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <p className="text-muted">
                Each event is written as a new record with two extra headers: <code className="font-mono text-ink">{replayHeaders.job}</code> (the job id) and{" "}
                <code className="font-mono text-ink">{replayHeaders.source}</code> (<span className="font-mono">topic/partition/offset</span> of the original).
                Consumers that ignore them process the events again as if they were new.
              </p>
            </div>
          </Section>
        </div>
      </div>

      <Section title={`Sample of matching events (${plan.sample.length})`}>
        {plan.sample.length === 0 ? (
          <p className="px-3 pb-3 pt-1 text-sm text-muted">
            {plan.matched === 0 ? "No event in the range matches." : "The part scanned held no match to show."}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="mt-2 w-full table-fixed text-sm">
              <MessageTableHead />
              <tbody>
                {plan.sample.map((m) => (
                  <tr key={`${m.partition}:${m.offset}`} className="border-t border-line" data-testid="plan-sample-row">
                    <MessageCells
                      message={m}
                      offset={
                        <Link
                          href={messageHref(spec.source.topic, m)}
                          className="text-accent hover:underline"
                          aria-label={`Open message ${m.partition}:${m.offset}`}
                        >
                          {m.offset}
                        </Link>
                      }
                    />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
