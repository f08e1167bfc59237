import { z } from "zod";
import type { InstantQueryResponse, LabelValuesResponse, MetricSeries, PanelsResponse, RangeQueryResponse } from "@/lib/schemas/metrics";
import { describes } from "./describes";

// Zod schemas of what the Prometheus routes answer, for the OpenAPI document only.

const metricSeries = describes<MetricSeries>()(
  z.object({
    labels: z.record(z.string(), z.string()),
    legend: z.string(),
    /** [epoch ms, value]; null where Prometheus had NaN or an infinity. */
    points: z.array(z.tuple([z.number(), z.number().nullable()])),
  }),
);

export const panelsResponse = describes<PanelsResponse>()(
  z.object({
    dashboard: z.string(),
    start: z.number(),
    end: z.number(),
    panels: z.array(
      z.object({
        id: z.string(),
        step: z.number(),
        query: z.string(),
        series: z.array(metricSeries),
        error: z.object({ code: z.string(), message: z.string() }).optional(),
      }),
    ),
  }),
);

export const rangeQueryResponse = describes<RangeQueryResponse>()(
  z.object({ start: z.number(), end: z.number(), step: z.number(), series: z.array(metricSeries) }),
);

export const instantQueryResponse = describes<InstantQueryResponse>()(
  z.object({ resultType: z.enum(["vector", "scalar", "matrix", "string"]), series: z.array(metricSeries) }),
);

export const labelValuesResponse = describes<LabelValuesResponse>()(z.object({ label: z.string(), values: z.array(z.string()) }));

export const dashboardList = z.object({
  dashboards: z.array(z.object({ id: z.string(), title: z.string(), description: z.string(), variables: z.array(z.string()), panels: z.number().int() })),
});

/** Prometheus's own envelope, passed through for the PromQL editor (its `data` differs per endpoint). */
export const autocompleteResponse = z.object({ status: z.literal("success"), data: z.unknown() });
