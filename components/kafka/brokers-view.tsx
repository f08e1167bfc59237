"use client";

import Link from "next/link";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatBytes } from "@/lib/format";
import { useBroker, useBrokers } from "@/lib/queries/kafka";

const brokerColumns = [
  { label: "Id", numeric: true },
  { label: "Address" },
  { label: "Rack" },
  { label: "Leaders", numeric: true },
  { label: "Replicas", numeric: true },
  { label: "Log dirs size", numeric: true },
];

/** Every broker: address, rack, leadership and replica counts, bytes on disk. */
export function BrokersTable() {
  const { data, error, isPending, refetch } = useBrokers();
  return (
    <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what="brokers">
      {data && (
        <Card className="p-0">
          <SimpleTable columns={brokerColumns}>
            {data.brokers.map((b) => (
              <tr key={b.nodeId} className="border-t border-line">
                <td className={numericCell}>
                  <Link href={`/kafka/brokers/${b.nodeId}`} className="hover:underline" aria-label={`Broker ${b.nodeId}`}>
                    {b.nodeId}
                  </Link>
                </td>
                <td className={`${textCell} font-mono`}>
                  {b.host}:{b.port}{" "}
                  {b.isController && <span className="ml-1 rounded bg-accent/10 px-1.5 py-0.5 font-sans text-xs text-accent">controller</span>}
                </td>
                <td className={textCell}>{b.rack ?? <span className="text-muted">—</span>}</td>
                <td className={numericCell}>{b.leaderCount}</td>
                <td className={numericCell}>{b.replicaCount}</td>
                <td className={numericCell} title={b.logDirError ?? undefined}>
                  {b.logDirError ? (
                    <span className="text-bad">{b.logDirBytes === null ? "unavailable" : formatBytes(b.logDirBytes)}</span>
                  ) : (
                    formatBytes(b.logDirBytes)
                  )}
                </td>
              </tr>
            ))}
          </SimpleTable>
        </Card>
      )}
    </QueryState>
  );
}

/** One broker: its log directories with the largest topics, and its configs with overrides marked. */
export function BrokerDetailView({ nodeId }: { nodeId: number }) {
  const { data, error, isPending, refetch } = useBroker(nodeId);
  const [onlyOverrides, setOnlyOverrides] = useState(true);
  const configs = (data?.configs ?? []).filter((c) => !onlyOverrides || !c.isDefault);
  return (
    <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what={`broker ${nodeId}`}>
      {data && (
        <div className="space-y-4">
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            <Stat label="Address" value={`${data.host}:${data.port}`} />
            <Stat label="Rack" value={data.rack ?? "—"} />
            <Stat label="Role" value={data.isController ? "controller" : "broker"} />
            <Stat label="Leaders / replicas" value={`${data.leaderCount} / ${data.replicaCount}`} />
            <Stat label="On disk" value={formatBytes(data.logDirBytes)} />
          </dl>
          {data.logDirs.map((dir) => (
            <Card key={dir.path} className="p-0">
              <div className="flex items-baseline justify-between gap-3 px-3 pt-3">
                <h2 className="truncate text-sm font-semibold">
                  Log directory <span className="font-mono font-normal">{dir.path}</span>
                </h2>
                <span className={cn("shrink-0 font-mono text-sm", dir.error && "text-bad")}>{dir.error ?? formatBytes(dir.bytes)}</span>
              </div>
              <SimpleTable className="mt-2" columns={[{ label: "Topic" }, { label: "Partitions here", numeric: true }, { label: "Size", numeric: true }]}>
                {dir.topics.slice(0, 20).map((t) => (
                  <tr key={t.topic} className="border-t border-line">
                    <td className={`${textCell} font-mono`}>{t.topic}</td>
                    <td className={numericCell}>{t.partitions}</td>
                    <td className={numericCell}>{formatBytes(t.bytes)}</td>
                  </tr>
                ))}
              </SimpleTable>
              {dir.topics.length > 20 && <p className="px-3 py-2 text-xs text-muted">The 20 largest of {dir.topics.length} topics.</p>}
            </Card>
          ))}
          <Card className="p-0">
            <div className="flex items-center justify-between gap-3 px-3 pt-3">
              <h2 className="text-sm font-semibold">Configs</h2>
              <label className="flex items-center gap-2 text-sm text-muted">
                <input type="checkbox" checked={onlyOverrides} onChange={(e) => setOnlyOverrides(e.target.checked)} />
                Only values that differ from Kafka&apos;s defaults ({data.configs.filter((c) => !c.isDefault).length} of {data.configs.length})
              </label>
            </div>
            <SimpleTable className="mt-2" columns={[{ label: "Name" }, { label: "Value" }, { label: "Source" }]}>
              {configs.map((c) => (
                <tr key={c.name} className="border-t border-line align-top">
                  <td className={`${textCell} font-mono`}>
                    {c.name}
                    {!c.isDefault && <span className="ml-2 rounded bg-accent/10 px-1.5 py-0.5 font-sans text-xs text-accent">set</span>}
                  </td>
                  <td className={`${textCell} max-w-md break-all font-mono`}>
                    {c.sensitive ? <span className="text-muted">hidden (sensitive)</span> : (c.value ?? <span className="text-muted">null</span>)}
                  </td>
                  <td className={`${textCell} text-muted`}>{c.source}</td>
                </tr>
              ))}
            </SimpleTable>
          </Card>
        </div>
      )}
    </QueryState>
  );
}
