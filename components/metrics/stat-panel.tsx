"use client";

import { Area, AreaChart, ResponsiveContainer, YAxis } from "recharts";
import type { PanelDefinition } from "@/lib/dashboards";
import { latestValue, toChartRows } from "@/lib/metrics/chart-data";
import { formatValue } from "@/lib/metrics/units";
import type { MetricSeries } from "@/lib/schemas/metrics";

type Level = "ok" | "warn" | "bad";
const levelColor: Record<Level, string> = { ok: "var(--color-ok)", warn: "#d97706", bad: "var(--color-bad)" };

/** Where a value stands against a panel's thresholds. */
function levelOf(value: number | null, thresholds: PanelDefinition["thresholds"]): Level {
  if (value === null || !thresholds) return "ok";
  const worse = (limit: number) => (thresholds.lowerIsWorse ? value <= limit : value >= limit);
  return worse(thresholds.bad) ? "bad" : worse(thresholds.warn) ? "warn" : "ok";
}

/** The current value of the first series, coloured by thresholds, over a sparkline of the range. */
export function StatPanel({ panel, series }: { panel: PanelDefinition; series: readonly MetricSeries[] }) {
  const first = series[0];
  const value = latestValue(first);
  const level = levelOf(value, panel.thresholds);
  const { rows } = toChartRows(first ? [first] : []);
  const color = panel.thresholds ? levelColor[level] : "var(--color-accent)";
  return (
    <div className="flex h-24 flex-col justify-between" data-testid="stat-panel" data-level={level}>
      <p className="text-2xl font-semibold tabular-nums" style={{ color: panel.thresholds ? color : undefined }}>
        {formatValue(value, panel.unit)}
      </p>
      <div className="h-10">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={rows} margin={{ top: 2, right: 0, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <YAxis hide domain={["dataMin", "dataMax"]} />
            <Area type="monotone" dataKey="s0" stroke={color} fill={color} fillOpacity={0.15} isAnimationActive={false} dot={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
