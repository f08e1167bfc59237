"use client";

import { Play } from "lucide-react";
import dynamic from "next/dynamic";
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { latestValue } from "@/lib/metrics/chart-data";
import { promqlErrorPosition } from "@/lib/metrics/promql";
import { formatValue } from "@/lib/metrics/units";
import { useExplore } from "@/lib/queries/metrics";
import { TimeControls } from "./time-controls";
import { useMetricsUrl } from "./use-metrics-url";

// CodeMirror and the PromQL grammar load after the page: they are the heaviest part of it.
const TimeSeriesChart = dynamic(() => import("./time-series-chart").then((m) => m.TimeSeriesChart), {
  ssr: false,
  loading: () => <Skeleton className="h-80 w-full" />,
});
const PromqlEditor = dynamic(() => import("./promql-editor"), { ssr: false, loading: () => <Skeleton className="h-16 w-full" /> });

const toggleClass = (active: boolean) => cn("rounded px-2.5 py-1 text-sm text-muted hover:bg-canvas", active && "bg-canvas font-medium text-ink");

/** Where in the query Prometheus's parser stopped: the line and a caret under the column. */
function ErrorPosition({ query, message }: { query: string; message: string }) {
  const position = promqlErrorPosition(message);
  if (!position) return null;
  const line = query.split("\n")[position.line - 1] ?? "";
  return (
    <pre aria-label="Error position" className="overflow-x-auto rounded bg-canvas p-2 font-mono text-xs">
      {line}
      {"\n"}
      <span className="text-bad">
        {" ".repeat(Math.max(0, position.column - 1))}^ here (line {position.line}, column {position.column})
      </span>
    </pre>
  );
}

/** Ad-hoc PromQL: an editor with completion, run as a range or instant query, shown as a chart or a table. */
export function ExploreView() {
  const url = useMetricsUrl("1h");
  const submitted = url.params.get("q") ?? "";
  const mode = url.params.get("mode") === "instant" ? "instant" : "range";
  const view = url.params.get("view") === "table" || mode === "instant" ? "table" : "chart";
  const [draft, setDraft] = useState(submitted);
  const { data, error, isFetching, refetch } = useExplore(submitted, mode, url.range, 1200);
  const run = useCallback(() => {
    if (draft === submitted) void refetch();
    else url.setParam("q", draft);
  }, [draft, submitted, refetch, url]);

  return (
    <div className="space-y-4">
      <Card className="space-y-3">
        <PromqlEditor value={draft} onChange={setDraft} onRun={run} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="primary" onClick={run} disabled={!draft.trim()}>
              <Play aria-hidden className="size-4" /> Run query
            </Button>
            <div role="group" aria-label="Query type" className="flex gap-1">
              {(["range", "instant"] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  aria-pressed={mode === m}
                  className={toggleClass(mode === m)}
                  onClick={() => url.setParam("mode", m === "range" ? undefined : m)}
                >
                  {m === "range" ? "Range" : "Instant"}
                </button>
              ))}
            </div>
            {mode === "range" && (
              <div role="group" aria-label="Show as" className="flex gap-1">
                {(["chart", "table"] as const).map((v) => (
                  <button
                    key={v}
                    type="button"
                    aria-pressed={view === v}
                    className={toggleClass(view === v)}
                    onClick={() => url.setParam("view", v === "chart" ? undefined : v)}
                  >
                    {v === "chart" ? "Chart" : "Table"}
                  </button>
                ))}
              </div>
            )}
          </div>
          <TimeControls range={url.range} refresh={url.refresh} onRange={url.setRange} onRefresh={url.setRefresh} onRefreshNow={run} refreshing={isFetching} />
        </div>
      </Card>

      <Card
        aria-label="Result"
        className="space-y-2"
        data-testid="explore-result"
        data-state={error ? "error" : data ? "data" : isFetching ? "loading" : "idle"}
      >
        {error ? (
          <div role="alert" className="space-y-2">
            <p className="text-sm text-bad">{error.message}</p>
            <ErrorPosition query={submitted} message={error.message} />
          </div>
        ) : !submitted ? (
          <p className="py-8 text-center text-sm text-muted">
            Write a PromQL query — metric names, labels and functions complete as you type — and run it with Ctrl+Enter.
          </p>
        ) : !data ? (
          <Skeleton className="h-64 w-full" />
        ) : data.series.length === 0 ? (
          <p className="py-8 text-center text-sm text-muted">The query returned no series in this range.</p>
        ) : view === "chart" ? (
          <>
            <p className="text-xs text-muted">
              {data.series.length} series · step {data.step}s (chosen to keep each series under 1,000 points)
            </p>
            <TimeSeriesChart series={data.series} unit="short" height={320} onZoom={(from, to) => url.setRange({ kind: "absolute", from, to })} />
          </>
        ) : (
          <div className="max-h-[32rem] overflow-auto">
            <table className="w-full text-sm">
              <thead className="sticky top-0 bg-surface text-left text-xs text-muted">
                <tr>
                  <th className="py-1 pr-4 font-medium">Series</th>
                  <th className="py-1 text-right font-medium">{mode === "instant" ? "Value" : "Latest value"}</th>
                </tr>
              </thead>
              <tbody>
                {data.series.map((s, i) => (
                  <tr key={i} className="border-t border-line">
                    <td className="py-1 pr-4 font-mono text-xs break-all">{s.legend}</td>
                    <td className="py-1 text-right font-mono tabular-nums">{formatValue(latestValue(s), "short")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
