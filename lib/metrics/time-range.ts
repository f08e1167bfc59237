/** Relative ranges the picker offers, in the order shown. */
export const relativeRanges = ["5m", "15m", "30m", "1h", "3h", "6h", "12h", "24h", "2d", "7d"] as const;
export type RelativeRange = (typeof relativeRanges)[number];

/** Auto-refresh choices: "off" or an interval. */
export const refreshIntervals = ["off", "5s", "15s", "1m"] as const;
export type RefreshInterval = (typeof refreshIntervals)[number];

const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };

/** Seconds in a Prometheus-style duration ("90s", "5m", "2d"); undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)([smhdw])$/.exec(text.trim());
  return match ? Number(match[1]) * unitSeconds[match[2]!]! : undefined;
}

/** The shortest Prometheus duration for a whole number of seconds: 120 → "2m", 90 → "90s". */
export function formatPromDuration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
  ] as const) {
    if (s % size === 0) return `${s / size}${unit}`;
  }
  return `${s}s`;
}

/** A time range as the URL carries it: a relative one ("6h") or absolute bounds in epoch ms. */
export type TimeRange = { kind: "relative"; last: string } | { kind: "absolute"; from: number; to: number };

/** Reads `range`, or `from` and `to` (epoch ms), from URL parameters; defaults to the last hour. */
export function timeRangeFromParams(params: { get(name: string): string | null }, fallback = "1h"): TimeRange {
  const from = Number(params.get("from"));
  const to = Number(params.get("to"));
  if (params.get("from") && params.get("to") && Number.isFinite(from) && Number.isFinite(to) && to > from) return { kind: "absolute", from, to };
  const last = params.get("range");
  return { kind: "relative", last: last && parseDuration(last) ? last : fallback };
}

/** Start and end in epoch seconds for a range, relative ones ending at `nowMs`. */
export function resolveTimeRange(range: TimeRange, nowMs = Date.now()): { start: number; end: number } {
  if (range.kind === "absolute") return { start: range.from / 1000, end: range.to / 1000 };
  const end = Math.floor(nowMs / 1000);
  return { start: end - (parseDuration(range.last) ?? 3_600), end };
}

/** A short label for the picker: "Last 6h" or "12:01:05 → 12:09:40". */
export function describeTimeRange(range: TimeRange): string {
  if (range.kind === "relative") return `Last ${range.last}`;
  const sameDay = new Date(range.from).toDateString() === new Date(range.to).toDateString();
  const format = (t: number, withDate: boolean) =>
    new Date(t).toLocaleString([], { ...(withDate ? { month: "short", day: "numeric" } : {}), hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return `${format(range.from, true)} → ${format(range.to, !sameDay)}`;
}
