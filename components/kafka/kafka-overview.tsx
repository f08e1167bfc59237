"use client";

import Link from "next/link";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatCount } from "@/lib/format";
import { useKafkaOverview } from "@/lib/queries/kafka";
import { StaleMarker } from "@/components/ui/stale-marker";

const brokerColumns = [{ label: "Id", numeric: true }, { label: "Address" }, { label: "Leaders", numeric: true }, { label: "Replicas", numeric: true }];

function Stat({ label, value, bad = false, href }: { label: string; value: string | number; bad?: boolean; href?: string }) {
  return (
    <div className="rounded-lg border border-line bg-surface px-4 py-3">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className={cn("font-mono text-lg tabular-nums", bad && "font-semibold text-bad")}>
        {href ? (
          <Link href={href} className="hover:underline">
            {value}
          </Link>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}

/** Brokers, partition health and lag of the cluster, polled every 5 s. */
export function KafkaOverviewView() {
  const { data, error, isPending, refetch, isRefetchError } = useKafkaOverview();
  return (
    <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what="the Kafka cluster">
      {data && (
        <div className="space-y-4">
          <StaleMarker stale={isRefetchError} error={error} />
          <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <Stat label="Brokers" value={data.brokers.length} />
            <Stat label="Topics" value={formatCount(data.topics)} href="/kafka/topics" />
            <Stat label="Partitions" value={formatCount(data.partitions)} />
            <Stat label="Under-replicated" value={data.underReplicatedPartitions} bad={data.underReplicatedPartitions > 0} />
            <Stat label="Offline partitions" value={data.offlinePartitions} bad={data.offlinePartitions > 0} />
            <Stat label="Consumer groups" value={data.groups} href="/kafka/groups" />
            <Stat label="Total lag" value={formatCount(data.totalLag)} />
            <Stat label="Controller" value={data.controllerId ?? "none"} bad={data.controllerId === null} />
          </dl>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card className="p-0">
              <h2 className="px-3 pt-3 text-sm font-semibold">Brokers</h2>
              <SimpleTable className="mt-2" columns={brokerColumns}>
                {data.brokers.map((b) => (
                  <tr key={b.nodeId} className="border-t border-line">
                    <td className={numericCell}>
                      {b.nodeId}
                      {b.isController && <span className="ml-1 text-xs text-muted">(controller)</span>}
                    </td>
                    <td className="px-3 py-1.5 font-mono">
                      {b.host}:{b.port}
                    </td>
                    <td className={numericCell}>{b.leaderCount}</td>
                    <td className={numericCell}>{b.replicaCount}</td>
                  </tr>
                ))}
              </SimpleTable>
            </Card>
            <Card>
              <h2 className="text-sm font-semibold">Groups furthest behind</h2>
              {data.topLaggingGroups.length === 0 ? (
                <p className="mt-2 text-sm text-muted">Every consumer group is caught up.</p>
              ) : (
                <ul className="mt-2 space-y-1 text-sm">
                  {data.topLaggingGroups.map((g) => (
                    <li key={g.groupId} className="flex justify-between gap-4 font-mono">
                      <Link href={`/kafka/groups#${encodeURIComponent(g.groupId)}`} className="truncate text-accent hover:underline">
                        {g.groupId}
                      </Link>
                      <span className="tabular-nums">lag {formatCount(g.totalLag)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </div>
          <p className="text-xs text-muted">Cluster {data.clusterId}</p>
        </div>
      )}
    </QueryState>
  );
}
