"use client";

import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable } from "@/components/ui/table";
import { ResetOffsetsForm } from "./reset-offsets-form";
import { cn } from "@/lib/cn";
import { formatCount } from "@/lib/format";
import { useConsumerGroups } from "@/lib/queries/kafka";

const partitionColumns = [
  { label: "Topic" },
  { label: "Partition", numeric: true },
  { label: "Committed", numeric: true },
  { label: "End", numeric: true },
  { label: "Lag", numeric: true },
];

/** Consumer groups with state, members and lag; each opens to its partitions. */
export function GroupsTable() {
  const { data, error, isPending, refetch, isRefetchError } = useConsumerGroups();
  return (
    <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what="consumer groups">
      {data && data.groups.length === 0 && <Card className="text-sm text-muted">No consumer groups yet. They appear once a consumer joins or commits.</Card>}
      {data && data.groups.length > 0 && (
        <div className="space-y-2">
          {isRefetchError && <p className="text-xs text-bad">Stale: the last refresh failed ({error?.message}).</p>}
          {data.groups.map((group) => (
            <Card key={group.groupId} id={group.groupId} className="p-0">
              <details>
                <summary className="flex cursor-pointer items-center gap-4 px-3 py-2 text-sm">
                  <span className="flex-1 font-mono">{group.groupId}</span>
                  <span className={cn("rounded px-1.5 py-0.5 text-xs", group.state === "Stable" ? "bg-ok/10 text-ok" : "bg-line text-muted")}>{group.state}</span>
                  <span className="w-24 text-right text-muted">{group.members} member{group.members === 1 ? "" : "s"}</span>
                  <span className={cn("w-28 text-right font-mono tabular-nums", Number(group.totalLag) > 0 && "font-semibold")} data-testid="group-lag">
                    lag {formatCount(group.totalLag)}
                  </span>
                </summary>
                <SimpleTable className="border-t border-line" columns={partitionColumns}>
                    {group.partitions.map((p) => (
                      <tr key={`${p.topic}/${p.partition}`} className="border-t border-line">
                        <td className="px-3 py-1.5 font-mono">{p.topic}</td>
                        <td className={numericCell}>{p.partition}</td>
                        <td className={numericCell}>{p.committedOffset ?? <span className="text-muted" title="This group has never committed an offset here">none</span>}</td>
                        <td className={numericCell}>{p.endOffset}</td>
                        <td className={numericCell}>{p.lag}</td>
                      </tr>
                    ))}
                </SimpleTable>
                <ResetOffsetsForm groupId={group.groupId} />
              </details>
            </Card>
          ))}
        </div>
      )}
    </QueryState>
  );
}
