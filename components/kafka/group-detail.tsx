"use client";

import { History } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatCount, formatDuration } from "@/lib/format";
import { useConsumerGroup } from "@/lib/queries/kafka";
import { newReplayHref } from "@/lib/replay/form";
import { ResetOffsetsForm } from "./reset-offsets-form";
import { StaleMarker } from "@/components/ui/stale-marker";

// recharts loads after the page; the chart's card shows a skeleton meanwhile.
const LagChart = dynamic(() => import("./lag-chart").then((m) => m.LagChart), { ssr: false, loading: () => <Skeleton className="h-60 w-full" /> });

const partitionColumns = [
  { label: "Topic" },
  { label: "Partition", numeric: true },
  { label: "Committed", numeric: true },
  { label: "End", numeric: true },
  { label: "Lag", numeric: true },
  { label: "Behind by", numeric: true },
];

/** One consumer group: summary, lag over time, members and what they read, lag per partition, reset. */
export function GroupDetailView({ groupId }: { groupId: string }) {
  const { data, error, isPending, refetch, isRefetchError } = useConsumerGroup(groupId);
  const topics = [...new Set(data?.partitions.map((p) => p.topic) ?? [])];
  const inTransactions = data?.partitions.reduce((sum, p) => sum + BigInt(p.inOpenTransactions), 0n) ?? 0n;
  return (
    <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what={`group ${groupId}`}>
      {data && (
        <div className="space-y-4">
          <StaleMarker stale={isRefetchError} error={error} />
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            <Stat label="State" value={data.state} />
            <Stat label="Members" value={data.members} />
            <Stat label="Lag (messages)" value={formatCount(data.totalLag)} strong={data.totalLag !== "0"} testId="group-total-lag" />
            <Stat label="Behind by (oldest unread)" value={formatDuration(data.lagSeconds)} strong={data.lagSeconds !== null} />
            <Stat label="Assignor" value={data.protocol || "—"} />
          </dl>
          <LagChart groupId={groupId} />
          <Card className="p-0">
            <h2 className="px-3 pt-3 text-sm font-semibold">Members</h2>
            {data.memberDetails.length === 0 ? (
              <p className="px-3 pb-3 pt-1 text-sm text-muted">No active members: the group&apos;s consumers are stopped, so its offsets can be reset.</p>
            ) : (
              <SimpleTable className="mt-2" columns={[{ label: "Client" }, { label: "Host" }, { label: "Member id" }, { label: "Assigned partitions" }]}>
                {data.memberDetails.map((m) => (
                  <tr key={m.memberId} className="border-t border-line align-top">
                    <td className={`${textCell} font-mono`}>{m.clientId}</td>
                    <td className={`${textCell} font-mono`}>{m.host}</td>
                    <td className={`${textCell} max-w-56 truncate font-mono text-xs text-muted`} title={m.memberId}>
                      {m.memberId}
                    </td>
                    <td className={`${textCell} font-mono`}>
                      {m.assignment.length === 0 ? (
                        <span className="text-muted">none (rebalancing?)</span>
                      ) : (
                        m.assignment.map((a) => (
                          <div key={a.topic}>
                            {a.topic}: {a.partitions.join(", ")}
                          </div>
                        ))
                      )}
                    </td>
                  </tr>
                ))}
              </SimpleTable>
            )}
          </Card>
          <Card className="p-0">
            <div className="flex items-baseline justify-between px-3 pt-3">
              <h2 className="text-sm font-semibold">Lag per partition</h2>
              {inTransactions > 0n && (
                <p className="text-xs text-muted">{formatCount(String(inTransactions))} record(s) in open transactions are not counted until they commit.</p>
              )}
            </div>
            {data.partitions.length === 0 ? (
              <p className="px-3 pb-3 pt-1 text-sm text-muted">This group has committed no offsets on any existing topic.</p>
            ) : (
              <SimpleTable className="mt-2" columns={partitionColumns}>
                {data.partitions.map((p) => (
                  <tr key={`${p.topic}/${p.partition}`} className="border-t border-line">
                    <td className={`${textCell} font-mono`}>
                      <Link href={`/kafka/topics/${encodeURIComponent(p.topic)}`} className="hover:underline">
                        {p.topic}
                      </Link>
                    </td>
                    <td className={numericCell}>{p.partition}</td>
                    <td className={numericCell}>
                      {p.committedOffset ?? (
                        <span className="text-muted" title="This group has never committed an offset here">
                          none
                        </span>
                      )}
                    </td>
                    <td className={numericCell}>{p.endOffset}</td>
                    <td className={cn(numericCell, p.lag !== "0" && "font-semibold")}>{p.lag}</td>
                    <td className={numericCell}>{p.lag === "0" ? "—" : formatDuration(p.lagSeconds)}</td>
                  </tr>
                ))}
              </SimpleTable>
            )}
            <ResetOffsetsForm groupId={groupId} topics={topics} />
            <div className="flex flex-wrap items-center justify-between gap-2 border-t border-line px-3 py-2 text-sm">
              <p className="text-muted">Rewind as a replay job instead: a dry run first, an audit record, and progress you can follow.</p>
              <Link
                href={newReplayHref({ kind: "reprocess", group: groupId, topic: topics.length === 1 ? topics[0] : "" })}
                className="inline-flex items-center gap-1.5 rounded-md border border-line bg-surface px-3 py-1.5 font-medium hover:bg-canvas"
              >
                <History aria-hidden className="size-4" /> Reprocess…
              </Link>
            </div>
          </Card>
        </div>
      )}
    </QueryState>
  );
}
