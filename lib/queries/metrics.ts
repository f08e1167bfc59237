import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiCall } from "@/lib/api/client";
import { parseDuration, resolveTimeRange, type TimeRange } from "@/lib/metrics/time-range";
import type { InstantQueryResponse, MetricSeries } from "@/lib/schemas/metrics";

export const metricsKeys = {
  all: ["metrics"] as const,
  panels: (dashboard: string, range: TimeRange, variables: Record<string, readonly string[]>, width: number) =>
    [...metricsKeys.all, "panels", dashboard, range, variables, width] as const,
  labelValues: (label: string, match: string, range: TimeRange) => [...metricsKeys.all, "label-values", label, match, range] as const,
  explore: (query: string, mode: "range" | "instant", range: TimeRange, width: number) => [...metricsKeys.all, "explore", query, mode, range, width] as const,
};

/** Milliseconds between refreshes for a refresh setting ("off" → no polling). */
export function refreshMs(refresh: string): number | false {
  const seconds = parseDuration(refresh);
  return seconds ? seconds * 1000 : false;
}

const toBody = (range: TimeRange) => (range.kind === "relative" ? { last: range.last } : { from: range.from, to: range.to });

export const dashboardPanelsOptions = (
  dashboard: string,
  range: TimeRange,
  variables: Record<string, readonly string[]>,
  width: number,
  refresh: string,
  enabled = true,
) =>
  queryOptions({
    queryKey: metricsKeys.panels(dashboard, range, variables, width),
    // The variables are only read (JSON.stringify): readonly arrays are sent as they are.
    queryFn: ({ signal }) =>
      apiCall(
        "POST /api/prometheus/panels",
        { body: { dashboard, range: toBody(range), variables: variables as Record<string, string[]>, width } },
        { signal },
      ),
    refetchInterval: refreshMs(refresh),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useDashboardPanels = (...args: Parameters<typeof dashboardPanelsOptions>) => useQuery(dashboardPanelsOptions(...args));

export const labelValuesOptions = (label: string, match: string, range: TimeRange) =>
  queryOptions({
    queryKey: metricsKeys.labelValues(label, match, range),
    queryFn: () => {
      const { start, end } = resolveTimeRange(range);
      return apiCall("GET /api/prometheus/label-values", { query: { label, match, start: String(start), end: String(end) } });
    },
    staleTime: 30_000,
  });

export const useLabelValues = (label: string, match: string, range: TimeRange) => useQuery(labelValuesOptions(label, match, range));

export interface ExploreResult {
  mode: "range" | "instant";
  series: MetricSeries[];
  step?: number;
  resultType?: InstantQueryResponse["resultType"];
}

export const exploreOptions = (query: string, mode: "range" | "instant", range: TimeRange, width: number) =>
  queryOptions({
    queryKey: metricsKeys.explore(query, mode, range, width),
    queryFn: async ({ signal }): Promise<ExploreResult> => {
      if (mode === "instant") {
        const body = await apiCall("GET /api/prometheus/query", { query: { query } }, { signal });
        return { mode, series: body.series, resultType: body.resultType };
      }
      const { start, end } = resolveTimeRange(range);
      const body = await apiCall(
        "GET /api/prometheus/query_range",
        { query: { query, start: String(start), end: String(end), width: String(width) } },
        { signal },
      );
      return { mode, series: body.series, step: body.step };
    },
    enabled: query.trim().length > 0,
    retry: false,
  });

export const useExplore = (...args: Parameters<typeof exploreOptions>) => useQuery(exploreOptions(...args));
