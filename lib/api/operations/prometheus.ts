import { z } from "zod";
import { autocompleteQuerySchema, instantQuerySchema, labelValuesQuerySchema, panelsRequestSchema, rangeQuerySchema } from "@/lib/schemas/metrics";
import { autocompleteResponse, dashboardList, instantQueryResponse, labelValuesResponse, panelsResponse, rangeQueryResponse } from "../responses/metrics";
import { json, viewer, type ApiOperation } from "./define";

export const prometheusOperations = {
  "GET /api/prometheus/autocomplete/[...path]": {
    access: viewer,
    cacheControl: "private, max-age=30",
    summary: "Labels, label values, series and metadata for the PromQL editor, in Prometheus's envelope",
    query: autocompleteQuerySchema,
    ok: json(autocompleteResponse),
    concretePaths: [
      { path: "/api/prometheus/autocomplete/api/v1/labels" },
      { path: "/api/prometheus/autocomplete/api/v1/label/[name]/values", params: z.object({ name: labelValuesQuerySchema.shape.label }) },
      { path: "/api/prometheus/autocomplete/api/v1/series" },
      { path: "/api/prometheus/autocomplete/api/v1/metadata" },
    ],
  },
  "GET /api/prometheus/dashboards": { access: viewer, summary: "The dashboards the console ships", ok: json(dashboardList), local: true },
  "GET /api/prometheus/label-values": {
    access: viewer,
    summary: "Values of a label (dashboard variables)",
    query: labelValuesQuerySchema,
    ok: json(labelValuesResponse),
  },
  "POST /api/prometheus/panels": {
    access: viewer,
    summary: "Every panel of a dashboard for a range and variables",
    body: { schema: panelsRequestSchema },
    ok: json(panelsResponse),
    errors: [404],
  },
  "GET /api/prometheus/query": { access: viewer, summary: "An instant PromQL query", query: instantQuerySchema, ok: json(instantQueryResponse) },
  "GET /api/prometheus/query_range": {
    access: viewer,
    summary: "A range PromQL query; the server picks the step when none fits",
    query: rangeQuerySchema,
    ok: json(rangeQueryResponse),
  },
} satisfies Record<string, ApiOperation>;
