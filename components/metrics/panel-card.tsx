"use client";

import { AlertTriangle } from "lucide-react";
import dynamic from "next/dynamic";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import type { PanelDefinition } from "@/lib/dashboards";
import type { PanelData } from "@/lib/schemas/metrics";
import { InlineError } from "@/components/ui/inline-error";

// The charts (recharts) load after the page: they are most of a dashboard's JavaScript, and
// the panels show a skeleton meanwhile anyway.
const chartLoading = () => <Skeleton className="h-40 w-full" />;
const BarPanel = dynamic(() => import("./bar-panel").then((m) => m.BarPanel), { ssr: false, loading: chartLoading });
const StatPanel = dynamic(() => import("./stat-panel").then((m) => m.StatPanel), { ssr: false, loading: chartLoading });
const TimeSeriesChart = dynamic(() => import("./time-series-chart").then((m) => m.TimeSeriesChart), { ssr: false, loading: chartLoading });

const spanClass: Record<PanelDefinition["span"], string> = {
  3: "lg:col-span-3 md:col-span-6",
  4: "lg:col-span-4 md:col-span-6",
  6: "lg:col-span-6",
  8: "lg:col-span-8",
  12: "lg:col-span-12",
};

/** One panel: its title, then a skeleton, its own error, an empty note, or the chart. */
export function PanelCard({
  panel,
  data,
  requestError,
  isPending,
  onZoom,
}: {
  panel: PanelDefinition;
  data: PanelData | undefined;
  requestError: Error | null;
  isPending: boolean;
  onZoom: (from: number, to: number) => void;
}) {
  const error = data?.error?.message ?? (data ? undefined : requestError?.message);
  const state = isPending && !data ? "loading" : error ? "error" : data && data.series.length === 0 ? "empty" : data ? "data" : "loading";
  return (
    <Card
      aria-labelledby={`panel-${panel.id}`}
      data-testid="panel"
      data-panel={panel.id}
      data-state={state}
      data-series={data?.series.length ?? 0}
      className={cn("col-span-12 min-w-0 space-y-2 p-3", spanClass[panel.span])}
    >
      <div className="flex items-baseline justify-between gap-2">
        <h3 id={`panel-${panel.id}`} className="truncate text-sm font-semibold" title={panel.description}>
          {panel.title}
        </h3>
        {data && (
          <span className="shrink-0 font-mono text-[11px] text-muted" title="Step the server chose for this panel">
            {data.step}s
          </span>
        )}
      </div>
      {state === "loading" ? (
        <Skeleton className={panel.type === "stat" ? "h-24 w-full" : "h-48 w-full"} />
      ) : state === "error" ? (
        <InlineError className="flex items-start gap-1.5 py-6">
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span className="break-words">{error}</span>
        </InlineError>
      ) : state === "empty" ? (
        <p className={cn("text-center text-sm text-muted", panel.type === "stat" ? "py-8" : "py-16")}>No data in this range.</p>
      ) : panel.type === "stat" ? (
        <StatPanel panel={panel} series={data!.series} />
      ) : panel.type === "bar" ? (
        <BarPanel series={data!.series} unit={panel.unit} />
      ) : (
        <TimeSeriesChart series={data!.series} unit={panel.unit} stacked={panel.type === "stacked"} onZoom={onZoom} />
      )}
    </Card>
  );
}
