"use client";

import { useMemo, useState } from "react";
import { Area, AreaChart, CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { cn } from "@/lib/cn";
import { timeTickFormatter, toChartRows } from "@/lib/metrics/chart-data";
import { formatValue, type PanelUnit } from "@/lib/metrics/units";
import type { MetricSeries } from "@/lib/schemas/metrics";

const tooltipStyle = { background: "var(--color-surface)", border: "1px solid var(--color-line)", fontSize: 12 };

interface Props {
  series: readonly MetricSeries[];
  unit: PanelUnit;
  stacked?: boolean;
  height?: number;
  /** Called with epoch ms bounds after a drag across the chart. */
  onZoom?: (from: number, to: number) => void;
}

/** Lines or stacked areas over time; click a legend entry to hide or show its series, drag to zoom. */
export function TimeSeriesChart({ series, unit, stacked = false, height = 200, onZoom }: Props) {
  const { rows, keys } = useMemo(() => toChartRows(series), [series]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [drag, setDrag] = useState<{ from: number; to?: number } | null>(null);
  const span = rows.length > 1 ? rows.at(-1)!.t! - rows[0]!.t! : 0;
  const tick = timeTickFormatter(span);
  const toggle = (legend: string) =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(legend)) next.delete(legend);
      else next.add(legend);
      return next;
    });

  const Chart = stacked ? AreaChart : LineChart;
  const at = (state: { activeLabel?: string | number } | null | undefined) => (state?.activeLabel === undefined ? undefined : Number(state.activeLabel));
  const finishDrag = () => {
    if (drag?.to !== undefined && drag.to !== drag.from && onZoom) onZoom(Math.min(drag.from, drag.to), Math.max(drag.from, drag.to));
    setDrag(null);
  };

  return (
    <div className="space-y-2">
      <div style={{ height }} className="select-none" data-testid="time-series-chart" data-points={rows.length}>
        <ResponsiveContainer width="100%" height="100%">
          <Chart
            data={rows}
            margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
            onMouseDown={(state) => {
              const t = at(state);
              if (t !== undefined) setDrag({ from: t });
            }}
            onMouseMove={(state) => {
              const t = at(state);
              if (drag && t !== undefined) setDrag({ from: drag.from, to: t });
            }}
            onMouseUp={finishDrag}
            onMouseLeave={() => setDrag(null)}
          >
            <CartesianGrid stroke="var(--color-line)" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={["dataMin", "dataMax"]}
              tickFormatter={tick}
              stroke="var(--color-muted)"
              fontSize={11}
              minTickGap={40}
            />
            <YAxis width={72} tickFormatter={(v: number) => formatValue(v, unit)} stroke="var(--color-muted)" fontSize={11} />
            <Tooltip
              isAnimationActive={false}
              labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
              formatter={(value, name) => [formatValue(Number(value), unit), name]}
              contentStyle={tooltipStyle}
            />
            {keys.map(({ key, legend, color }) =>
              stacked ? (
                <Area
                  key={key}
                  dataKey={key}
                  name={legend}
                  stackId="stack"
                  type="monotone"
                  stroke={color}
                  fill={color}
                  fillOpacity={0.25}
                  isAnimationActive={false}
                  hide={hidden.has(legend)}
                  dot={false}
                />
              ) : (
                <Line
                  key={key}
                  dataKey={key}
                  name={legend}
                  type="monotone"
                  stroke={color}
                  strokeWidth={1.5}
                  isAnimationActive={false}
                  hide={hidden.has(legend)}
                  dot={false}
                  connectNulls={false}
                />
              ),
            )}
            {drag?.to !== undefined && <ReferenceArea x1={drag.from} x2={drag.to} strokeOpacity={0.3} fill="var(--color-accent)" fillOpacity={0.15} />}
          </Chart>
        </ResponsiveContainer>
      </div>
      {keys.length > 0 && (
        <ul aria-label="Legend" className="flex max-h-16 flex-wrap gap-x-3 gap-y-1 overflow-y-auto text-xs">
          {keys.map(({ key, legend, color }) => (
            <li key={key}>
              <button
                type="button"
                aria-pressed={!hidden.has(legend)}
                onClick={() => toggle(legend)}
                className={cn("flex items-center gap-1.5 rounded px-1 text-ink hover:bg-canvas", hidden.has(legend) && "text-muted line-through")}
              >
                <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ background: color }} />
                {legend}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
