"use client";

import Link from "next/link";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatCount, formatDuration } from "@/lib/format";
import { useUrlState } from "@/lib/hooks/use-url-state";
import { useConsumerGroups } from "@/lib/queries/kafka";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { StaleMarker } from "@/components/ui/stale-marker";

const columns = [
  { label: "Group" },
  { label: "State" },
  { label: "Members", numeric: true },
  { label: "Topics", numeric: true },
  { label: "Lag", numeric: true },
  { label: "Behind by", numeric: true },
];

/** Consumer groups with state, members and lag in messages and time; the filter lives in the URL. */
export function GroupsTable() {
  const { data, error, isPending, refetch, isRefetchError } = useConsumerGroups();
  const { params, setUrlState } = useUrlState();
  const filter = params.get("q") ?? "";
  const shown = (data?.groups ?? []).filter((g) => g.groupId.toLowerCase().includes(filter.toLowerCase()));
  return (
    <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what="consumer groups">
      {data && data.groups.length === 0 && <EmptyState>No consumer groups yet. They appear once a consumer joins or commits.</EmptyState>}
      {data && data.groups.length > 0 && (
        <div className="space-y-2">
          <div className="flex items-center justify-between gap-3">
            <label className="flex items-center gap-2 text-sm">
              <span className="text-muted">Filter</span>
              <Input type="search" value={filter} onChange={(e) => setUrlState({ q: e.target.value })} placeholder="group id" className="w-64 py-1" />
            </label>
            <p className="text-xs text-muted">
              {shown.length} of {data.groups.length} groups
              {isRefetchError && " · "}
              <StaleMarker stale={isRefetchError} error={error} lead="stale" inline />
            </p>
          </div>
          <Card className="p-0">
            <SimpleTable columns={columns}>
              {shown.map((group) => (
                <tr key={group.groupId} id={group.groupId} className="border-t border-line">
                  <td className={`${textCell} font-mono`}>
                    <Link href={`/kafka/groups/${encodeURIComponent(group.groupId)}`} className="hover:underline">
                      {group.groupId}
                    </Link>
                  </td>
                  <td className={textCell}>
                    <span className="inline-flex items-center gap-1.5 text-xs">
                      {/* The dot carries the colour; the text stays at full contrast. */}
                      <span aria-hidden className={cn("size-2 rounded-full", group.state === "Stable" ? "bg-ok" : "bg-muted")} />
                      {group.state}
                    </span>
                  </td>
                  <td className={numericCell}>{group.members}</td>
                  <td className={numericCell}>{new Set(group.partitions.map((p) => p.topic)).size}</td>
                  <td className={cn(numericCell, group.totalLag !== "0" && "font-semibold")} data-testid="group-lag">
                    {formatCount(group.totalLag)}
                  </td>
                  <td className={numericCell}>{formatDuration(group.lagSeconds)}</td>
                </tr>
              ))}
            </SimpleTable>
            {shown.length === 0 && <p className="px-3 py-3 text-sm text-muted">No group matches “{filter}”.</p>}
          </Card>
        </div>
      )}
    </QueryState>
  );
}
