"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { latestValue, seriesPalette } from "@/lib/metrics/chart-data";
import { formatValue, type PanelUnit } from "@/lib/metrics/units";
import type { MetricSeries } from "@/lib/schemas/metrics";

/** Each series' current value as a horizontal bar, largest first. */
export function BarPanel({ series, unit }: { series: readonly MetricSeries[]; unit: PanelUnit }) {
  const rows = series
    .map((s) => ({ name: s.legend, value: latestValue(s) ?? 0 }))
    .sort((a, b) => b.value - a.value)
    .slice(0, 12);
  // Room for the longest label at 11 px (about 6.5 px a character), within reason.
  const labelWidth = Math.min(280, Math.max(60, Math.ceil(Math.max(0, ...rows.map((r) => r.name.length)) * 6.5) + 8));
  return (
    <div style={{ height: Math.max(120, rows.length * 28 + 30) }} data-testid="bar-panel">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--color-line)" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => formatValue(v, unit)} stroke="var(--color-muted)" fontSize={11} />
          <YAxis type="category" dataKey="name" width={labelWidth} stroke="var(--color-muted)" fontSize={11} />
          <Tooltip
            isAnimationActive={false}
            formatter={(v) => [formatValue(Number(v), unit), "now"]}
            contentStyle={{ background: "var(--color-surface)", border: "1px solid var(--color-line)", fontSize: 12 }}
          />
          <Bar dataKey="value" isAnimationActive={false}>
            {rows.map((row, i) => (
              <Cell key={row.name} fill={seriesPalette[i % seriesPalette.length]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
