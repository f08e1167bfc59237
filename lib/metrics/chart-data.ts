import type { MetricSeries } from "@/lib/schemas/metrics";

/** Series colours that read on both the light and the dark canvas. */
export const seriesPalette = [
  "#3b82f6",
  "#f59e0b",
  "#10b981",
  "#ef4444",
  "#8b5cf6",
  "#06b6d4",
  "#ec4899",
  "#84cc16",
  "#f97316",
  "#6366f1",
  "#14b8a6",
  "#eab308",
];

export interface ChartSeriesKey {
  key: string;
  legend: string;
  color: string;
}

/** Rows for recharts: one per timestamp, a column per series (`s0`, `s1`, …), missing points left out. */
export function toChartRows(series: readonly MetricSeries[]): { rows: Array<Record<string, number>>; keys: ChartSeriesKey[] } {
  const byTime = new Map<number, Record<string, number>>();
  const keys = series.map((s, i) => ({ key: `s${i}`, legend: s.legend || `series ${i + 1}`, color: seriesPalette[i % seriesPalette.length]! }));
  series.forEach((s, i) => {
    for (const [t, value] of s.points) {
      if (value === null) continue;
      let row = byTime.get(t);
      if (!row) byTime.set(t, (row = { t }));
      row[`s${i}`] = value;
    }
  });
  return { rows: [...byTime.values()].sort((a, b) => a.t! - b.t!), keys };
}

/** The newest non-null value of a series, if any. */
export function latestValue(series: MetricSeries | undefined): number | null {
  if (!series) return null;
  for (let i = series.points.length - 1; i >= 0; i--) {
    const value = series.points[i]![1];
    if (value !== null) return value;
  }
  return null;
}

/** Axis ticks: clock time, with seconds for short spans and the date for spans over a day. */
export function timeTickFormatter(spanMs: number): (t: number) => string {
  if (spanMs > 86_400_000) return (t) => new Date(t).toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const withSeconds = spanMs < 10 * 60_000;
  return (t) => new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", ...(withSeconds ? { second: "2-digit" } : {}) });
}
