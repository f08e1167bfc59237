"use client";

import { createColumnHelper, flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp } from "lucide-react";
import Link from "next/link";
import { useMemo, useRef, useState } from "react";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { cn } from "@/lib/cn";
import { formatBytes, formatCount } from "@/lib/format";
import { useTopics } from "@/lib/queries/kafka";
import type { TopicSummary } from "@/lib/schemas/kafka";
import { useUrlState } from "@/lib/hooks/use-url-state";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { StaleMarker } from "@/components/ui/stale-marker";

const column = createColumnHelper<TopicSummary>();
const numeric = "text-right font-mono tabular-nums";

const columns = [
  column.accessor("name", {
    header: "Topic",
    cell: (info) => (
      <Link href={`/kafka/topics/${encodeURIComponent(info.getValue())}`} className="font-mono text-accent hover:underline">
        {info.getValue()}
      </Link>
    ),
  }),
  column.accessor("partitions", { header: "Partitions", meta: { className: numeric } }),
  column.accessor("replicationFactor", { header: "Replication", meta: { className: numeric } }),
  column.accessor("underReplicated", {
    header: "Under-replicated",
    meta: { className: numeric },
    cell: (info) => <span className={info.getValue() > 0 ? "font-semibold text-bad" : undefined}>{info.getValue()}</span>,
  }),
  column.accessor((t) => Number(t.messages), {
    id: "messages",
    header: "Messages",
    meta: { className: numeric },
    cell: (info) => <span title={info.row.original.messages}>{formatCount(info.row.original.messages)}</span>,
  }),
  column.accessor((t) => t.bytes ?? -1, {
    id: "size",
    header: "Size",
    meta: { className: numeric },
    cell: (info) => formatBytes(info.row.original.bytes),
  }),
  column.accessor((t) => t.producedPerSecond ?? -1, {
    id: "rate",
    header: "Msg/s",
    meta: { className: numeric },
    cell: (info) => {
      const rate = info.row.original.producedPerSecond;
      return rate === null ? (
        <span className="text-muted" title="Prometheus has no end offsets for this topic (no group reads it)">
          —
        </span>
      ) : rate < 10 ? (
        rate.toFixed(1)
      ) : (
        formatCount(Math.round(rate))
      );
    },
  }),
];

/** Every topic, virtualized so thousands of rows stay fast; filter and sort live in the URL. */
export function TopicsTable() {
  const { params, setUrlState } = useUrlState();
  const search = params.get("q") ?? "";
  const internal = params.get("internal") === "1";
  const [sorting, setSorting] = useState<SortingState>([{ id: params.get("sort") ?? "name", desc: params.get("desc") === "1" }]);
  const { data, error, isPending, isRefetchError, refetch } = useTopics({ internal });

  const rows = useMemo(() => (data?.topics ?? []).filter((t) => t.name.toLowerCase().includes(search.toLowerCase())), [data, search]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns fresh functions by design
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      setSorting(next);
      setUrlState({ sort: next[0]?.id ?? null, desc: next[0]?.desc ? "1" : null });
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({ count: tableRows.length, getScrollElement: () => scrollRef.current, estimateSize: () => 36, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2 text-sm">
          <span className="text-muted">Filter</span>
          <Input type="search" value={search} onChange={(e) => setUrlState({ q: e.target.value })} placeholder="topic name" className="w-64 py-1 font-mono" />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={internal} onChange={(e) => setUrlState({ internal: e.target.checked ? "1" : null })} />
          Show internal topics
        </label>
        {data && (
          <span className="text-sm text-muted">
            {rows.length.toLocaleString("en-US")} of {data.topics.length.toLocaleString("en-US")} topics
          </span>
        )}
      </div>
      <StaleMarker stale={isRefetchError} error={error} />
      <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what="topics">
        {rows.length === 0 ? (
          <EmptyState>{search ? `No topic matches "${search}".` : "No topics yet. Topics appear here once a producer or an admin creates them."}</EmptyState>
        ) : (
          <Card className="p-0">
            <div ref={scrollRef} className="max-h-[calc(100vh-16rem)] overflow-auto" data-testid="topics-scroll">
              <table className="w-full text-sm">
                <thead className="sticky top-0 z-10 bg-surface shadow-[0_1px_0_var(--color-line)]">
                  {table.getHeaderGroups().map((group) => (
                    <tr key={group.id}>
                      {group.headers.map((header) => {
                        const sorted = header.column.getIsSorted();
                        const meta = header.column.columnDef.meta as { className?: string } | undefined;
                        return (
                          <th
                            key={header.id}
                            scope="col"
                            aria-sort={sorted ? (sorted === "asc" ? "ascending" : "descending") : "none"}
                            className={cn("px-3 py-2 font-medium text-muted", meta?.className ?? "text-left")}
                          >
                            <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 hover:text-ink">
                              {flexRender(header.column.columnDef.header, header.getContext())}
                              {sorted === "asc" && <ArrowUp aria-hidden className="size-3" />}
                              {sorted === "desc" && <ArrowDown aria-hidden className="size-3" />}
                            </button>
                          </th>
                        );
                      })}
                    </tr>
                  ))}
                </thead>
                <tbody>
                  {padTop > 0 && <tr style={{ height: padTop }} aria-hidden />}
                  {items.map((item) => {
                    const row = tableRows[item.index]!;
                    return (
                      <tr key={row.id} className="h-9 border-t border-line hover:bg-canvas">
                        {row.getVisibleCells().map((cell) => {
                          const meta = cell.column.columnDef.meta as { className?: string } | undefined;
                          return (
                            <td key={cell.id} className={cn("px-3", meta?.className)}>
                              {flexRender(cell.column.columnDef.cell, cell.getContext())}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                  {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden />}
                </tbody>
              </table>
            </div>
          </Card>
        )}
      </QueryState>
    </div>
  );
}
