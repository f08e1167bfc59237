import "server-only";
import { dashboardPanels, type DashboardDefinition } from "@/lib/dashboards";
import { interpolateQuery } from "@/lib/metrics/promql";
import { chooseStep, maxPointsPerSeries, rateInterval } from "@/lib/metrics/step";
import type { PanelData } from "@/lib/schemas/metrics";
import { AppError, errorMessage } from "../http/errors";
import { fetchRangeSeries } from "./queries";

/** Stat and bar panels need only a sparkline / the latest value: fewer points. */
const sparklineWidthPx = 240;

export interface PanelsInput {
  start: number;
  end: number;
  width: number;
  variables: Record<string, readonly string[]>;
  panelIds?: readonly string[];
}

/**
 * Every panel's series for a range, each panel's step chosen from the range and its share of
 * the grid width (≤ 1,000 points per series), `$__rate_interval` following the step. One
 * Prometheus round trip per panel, all at once; a failing panel carries its own error.
 */
export async function fetchDashboardPanels(dashboard: DashboardDefinition, { start, end, width, variables, panelIds }: PanelsInput): Promise<PanelData[]> {
  const range = end - start;
  const panels = dashboardPanels(dashboard).filter((panel) => !panelIds || panelIds.includes(panel.id));
  return Promise.all(
    panels.map(async (panel): Promise<PanelData> => {
      const panelWidth = panel.type === "timeseries" || panel.type === "stacked" ? (width * panel.span) / 12 : sparklineWidthPx;
      const step = chooseStep(range, panelWidth);
      const query = interpolateQuery(panel.query, { step, rateInterval: rateInterval(step), range, variables });
      // The grid of points ends at `end` itself: aligned to whole steps, the newest point of a
      // long range (a 10-minute step on a day) could lie minutes in the past and miss everything
      // since — a service started a few minutes ago would show no data at all.
      const alignedEnd = end;
      // Prometheus answers floor(range / step) + 1 points: keep the newest 1,000 at most.
      const alignedStart = Math.max(end - Math.floor(range / step) * step, alignedEnd - step * (maxPointsPerSeries - 1));
      try {
        return { id: panel.id, step, query, series: await fetchRangeSeries(query, alignedStart, alignedEnd, step, panel.legend) };
      } catch (error) {
        const code = error instanceof AppError ? error.code : "INTERNAL";
        return { id: panel.id, step, query, series: [], error: { code, message: errorMessage(error) } };
      }
    }),
  );
}
