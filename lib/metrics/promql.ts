import { scrapeIntervalSeconds } from "./step";
import { formatPromDuration } from "./time-range";

/** Escapes a label value for use inside a PromQL regex matcher (`=~"..."`). */
export function escapeRegexValue(value: string): string {
  return value
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"');
}

/** The matcher value for a variable: one value as a literal regex, several as an alternation, none as ".*". */
export function variableRegex(values: readonly string[]): string {
  if (values.length === 0) return ".*";
  return values.map(escapeRegexValue).join("|");
}

export interface Interpolation {
  /** Range query step in seconds. */
  step: number;
  /** Window for rate() in seconds. */
  rateInterval: number;
  /** Whole range in seconds. */
  range: number;
  /** Selected values per variable name. */
  variables: Record<string, readonly string[]>;
}

/**
 * Replaces `$__rate_interval`, `$__resolution`, `$__interval`, `$__range` and `$variable` / `${variable}`
 * (for use inside `=~"…"` matchers) in a panel's query.
 */
export function interpolateQuery(query: string, { step, rateInterval, range, variables }: Interpolation): string {
  return (
    query
      .replaceAll("$__rate_interval", formatPromDuration(rateInterval))
      // Subqueries sample a window about five times, never finer than a scrape.
      .replaceAll("$__resolution", formatPromDuration(Math.max(scrapeIntervalSeconds, Math.round(rateInterval / 5))))
      .replaceAll("$__interval", formatPromDuration(step))
      .replaceAll("$__range", formatPromDuration(range))
      .replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => {
        const name = braced ?? bare!;
        const values = variables[name];
        return values === undefined ? whole : variableRegex(values);
      })
  );
}

/**
 * `histogram_quantile` over a Prometheus histogram: the rate of its `_bucket` series summed
 * by `le` and the grouping labels, the window following the step.
 */
export function histogramQuantileQuery(
  quantile: number,
  histogram: string,
  { by = [], matchers = "", window = "$__rate_interval" }: { by?: readonly string[]; matchers?: string; window?: string } = {},
): string {
  if (!(quantile > 0 && quantile < 1)) throw new RangeError(`quantile must lie between 0 and 1, got ${quantile}`);
  const metric = histogram.replace(/_bucket$/, "");
  const labels = ["le", ...by.filter((label) => label !== "le")].join(", ");
  return `histogram_quantile(${quantile}, sum by (${labels}) (rate(${metric}_bucket${matchers ? `{${matchers}}` : ""}[${window}])))`;
}

/** A series' legend from a template like "{{topic}} ({{service}})"; without a template, its labels. */
export function formatLegend(template: string | undefined, labels: Record<string, string>): string {
  if (template) return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => labels[name] ?? "");
  const { __name__: name, ...rest } = labels;
  const inner = Object.entries(rest)
    .map(([key, value]) => `${key}="${value}"`)
    .join(", ");
  return inner ? `${name ?? ""}{${inner}}` : (name ?? "value");
}

/** Where Prometheus's parser points (1-based): its messages carry "line:column: parse error". */
export function promqlErrorPosition(message: string): { line: number; column: number } | undefined {
  const match = /(\d+):(\d+): parse error/.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}
