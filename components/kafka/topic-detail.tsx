"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useUrlState } from "@/lib/hooks/use-url-state";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable } from "@/components/ui/table";
import { formatBytes, formatCount } from "@/lib/format";
import { cn } from "@/lib/cn";
import { useConsumerGroups, useTopic } from "@/lib/queries/kafka";
import { TopicActions } from "./topic-actions";
import { TopicConfigs } from "./topic-configs";

const partitionColumns = [
  { label: "Partition", numeric: true },
  { label: "Leader", numeric: true },
  { label: "Replicas" },
  { label: "In sync" },
  { label: "Low", numeric: true },
  { label: "High", numeric: true },
];

const tabs = { partitions: "Partitions", configs: "Configs" } as const;
type Tab = keyof typeof tabs;

/** Tabs whose choice lives in the URL (`?tab=configs`), with arrow-key movement between them. */
function TopicTabs({ current, panels }: { current: Tab; panels: Record<Tab, ReactNode> }) {
  const { setUrlState } = useUrlState();
  const select = (tab: Tab) => setUrlState({ tab: tab === "partitions" ? null : tab });
  const keys = Object.keys(tabs) as Tab[];
  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="Topic views" className="flex gap-1 border-b border-line">
        {keys.map((tab, index) => (
          <button
            key={tab}
            id={`tab-${tab}`}
            type="button"
            role="tab"
            aria-selected={tab === current}
            aria-controls={`panel-${tab}`}
            tabIndex={tab === current ? 0 : -1}
            onClick={() => select(tab)}
            onKeyDown={(event) => {
              const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
              if (!step) return;
              const next = keys[(index + step + keys.length) % keys.length]!;
              select(next);
              document.getElementById(`tab-${next}`)?.focus();
            }}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              tab === current ? "border-accent text-ink" : "border-transparent text-muted hover:text-ink",
            )}
          >
            {tabs[tab]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`} className="space-y-4">
        {panels[current]}
      </div>
    </div>
  );
}

export function TopicDetailView({ name }: { name: string }) {
  const params = useSearchParams();
  const tab: Tab = params.get("tab") === "configs" ? "configs" : "partitions";
  const { data, error, isPending, refetch } = useTopic(name);
  const groups = useConsumerGroups();
  const readers = (groups.data?.groups ?? [])
    .map((g) => ({ ...g, partitions: g.partitions.filter((p) => p.topic === name) }))
    .filter((g) => g.partitions.length > 0);

  return (
    <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what={`topic ${name}`}>
      {data && (
        <div className="space-y-4">
          <TopicActions topic={data} />
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            <Stat label="Partitions" value={data.partitions} />
            <Stat label="Replication" value={data.replicationFactor} />
            <Stat label="Under-replicated" value={data.underReplicated} strong={data.underReplicated > 0} />
            <Stat label="Messages" value={formatCount(data.messages)} />
            <Stat label="Size on disk" value={formatBytes(data.bytes)} />
            <Stat label="Produced (msg/s, 1 min)" value={data.producedPerSecond === null ? "—" : data.producedPerSecond.toFixed(1)} />
          </dl>
          <TopicTabs
            current={tab}
            panels={{
              configs: <TopicConfigs topic={name} />,
              partitions: (
                <>
                  <Card className="p-0">
                    <h2 className="px-3 pt-3 text-sm font-semibold">Partitions</h2>
                    <SimpleTable className="mt-2" columns={partitionColumns}>
                      {data.partitionDetails.map((p) => (
                        <tr key={p.partition} className="border-t border-line">
                          <td className={numericCell}>{p.partition}</td>
                          <td className={numericCell}>{p.leader}</td>
                          <td className="px-3 py-1.5 font-mono">{p.replicas.join(", ")}</td>
                          <td className={p.isr.length < p.replicas.length ? "px-3 py-1.5 font-mono text-bad" : "px-3 py-1.5 font-mono"}>{p.isr.join(", ")}</td>
                          <td className={numericCell}>{p.lowWatermark}</td>
                          <td className={numericCell}>{p.highWatermark}</td>
                        </tr>
                      ))}
                    </SimpleTable>
                  </Card>
                  <Card>
                    <h2 className="text-sm font-semibold">Consumer groups reading it</h2>
                    {readers.length === 0 ? (
                      <p className="mt-2 text-sm text-muted">No consumer group has committed offsets on this topic.</p>
                    ) : (
                      <ul className="mt-2 space-y-1 text-sm">
                        {readers.map((g) => (
                          <li key={g.groupId} className="flex justify-between font-mono">
                            <Link href={`/kafka/groups#${encodeURIComponent(g.groupId)}`} className="text-accent hover:underline">
                              {g.groupId}
                            </Link>
                            <span className="tabular-nums">lag {formatCount(g.partitions.reduce((s, p) => s + Number(p.lag), 0))}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Card>
                </>
              ),
            }}
          />
        </div>
      )}
    </QueryState>
  );
}
