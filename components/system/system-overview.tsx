"use client";

import { AlertTriangle, GitCompareArrows, Search } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatCount, formatDuration } from "@/lib/format";
import { useSystemMap } from "@/lib/queries/system";
import type { Health, SystemMap } from "@/lib/schemas/system";
import { linkButton } from "@/components/replay/replay-jobs-list";
import { healthDot, healthText, rateText } from "./health";
import { TopicCatalog } from "./topic-catalog";

// React Flow and dagre are most of this page's JavaScript: the map loads after the page.
const ServiceMap = dynamic(() => import("./service-map").then((m) => m.ServiceMap), {
  ssr: false,
  loading: () => <Skeleton className="h-[44rem] w-full" />,
});

const severity: Record<Health, number> = { critical: 0, warning: 1, unknown: 2, ok: 3 };

function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Card role="status" className="space-y-1 border-amber-400 text-sm">
      {warnings.map((w) => (
        <p key={w} className="flex gap-2">
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" /> {w}
        </p>
      ))}
    </Card>
  );
}

/** The map's edges as rows, the lagging and failing first: what the graph shows, readable and keyboard-reachable. */
function ConsumersTable({ map }: { map: SystemMap }) {
  const consumers = map.edges.filter((e) => e.kind === "consumes").sort((a, b) => severity[a.health] - severity[b.health] || a.topic.localeCompare(b.topic));
  const producers = map.edges.filter((e) => e.kind === "produces");
  return (
    <Card className="overflow-x-auto p-0">
      <h2 className="px-4 pt-3 text-sm font-semibold">Who reads what</h2>
      <SimpleTable
        columns={[
          { label: "Health" },
          { label: "Topic" },
          { label: "Consumer group" },
          { label: "Service" },
          { label: "Rate", numeric: true },
          { label: "Lag", numeric: true },
          { label: "Behind", numeric: true },
        ]}
      >
        {consumers.map((e) => (
          <tr key={`${e.topic}/${e.groupId}`} className="border-t border-line">
            <td className={textCell}>
              <span className="inline-flex items-center gap-1.5">
                <span aria-hidden className={cn("size-2.5 rounded-full", healthDot[e.health])} /> {healthText[e.health]}
              </span>
            </td>
            <td className={cn(textCell, "font-mono")}>
              <Link href={`/kafka/topics/${encodeURIComponent(e.topic)}`} className="hover:underline">
                {e.topic}
              </Link>
            </td>
            <td className={cn(textCell, "font-mono")}>
              <Link href={`/kafka/groups/${encodeURIComponent(e.groupId!)}`} className="text-accent hover:underline">
                {e.groupId}
              </Link>
            </td>
            <td className={textCell}>{e.service ?? <span className="text-muted">outside the declared services</span>}</td>
            <td className={numericCell}>{rateText(e.rate)}</td>
            <td className={numericCell}>{e.lag === null ? "—" : formatCount(e.lag)}</td>
            <td className={numericCell}>{e.lagSeconds ? formatDuration(e.lagSeconds) : "—"}</td>
          </tr>
        ))}
      </SimpleTable>
      {producers.length > 0 && (
        <p className="border-t border-line px-4 py-2 text-xs text-muted">
          Producers:{" "}
          {producers.map((e, i) => (
            <span key={`${e.service}/${e.topic}`}>
              {i > 0 && "; "}
              <strong className="text-ink">{e.service}</strong> → <span className="font-mono">{e.topic}</span> ({rateText(e.rate)}
              {e.source === "config" ? ", declared" : ""})
            </span>
          ))}
        </p>
      )}
    </Card>
  );
}

export function SystemOverview() {
  const map = useSystemMap();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        <Link href="/system/trace" className={cn(linkButton, "bg-accent text-white hover:opacity-90")}>
          <Search aria-hidden className="size-4" /> Trace an entity
        </Link>
        <Link href="/system/consistency" className={cn(linkButton, "border border-line bg-surface hover:bg-canvas")}>
          <GitCompareArrows aria-hidden className="size-4" /> Consistency checks
        </Link>
      </div>
      <QueryState isPending={map.isPending} error={map.error} retry={() => void map.refetch()} what="the service map">
        {map.data && (
          <>
            <Warnings warnings={map.data.warnings} />
            <Card className="p-0">
              <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-line px-4 py-2 text-xs text-muted">
                <h2 className="text-sm font-semibold text-ink">Service map</h2>
                <span>each service above the topics it publishes to, each topic above the services whose groups read it; edges show events/s and lag</span>
                <span className="ml-auto flex gap-3">
                  {(["ok", "warning", "critical"] as const).map((h) => (
                    <span key={h} className="inline-flex items-center gap-1">
                      <span aria-hidden className={cn("size-2 rounded-full", healthDot[h])} /> {healthText[h]}
                    </span>
                  ))}
                </span>
              </div>
              <ServiceMap map={map.data} />
            </Card>
            <ConsumersTable map={map.data} />
          </>
        )}
      </QueryState>
      <TopicCatalog />
    </div>
  );
}
