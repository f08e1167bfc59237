import { z } from "zod";
import { parseDuration } from "@/lib/metrics/time-range";

const duration = z.string().refine((text) => parseDuration(text) !== undefined, "must be a duration like 15m, 6h or 7d");
/** A relative range ("6h", at most 30 days) or absolute bounds in epoch ms. */
export const timeRangeSchema = z.union([
  z.object({ last: duration.refine((text) => parseDuration(text)! <= 30 * 86_400, "at most 30d") }),
  z
    .object({ from: z.number().int().nonnegative(), to: z.number().int().positive() })
    .refine((range) => range.to > range.from, "to must come after from")
    .refine((range) => range.to - range.from <= 31 * 86_400_000, "at most 31 days"),
]);

const labelValue = z.string().max(512);

export const panelsRequestSchema = z.object({
  dashboard: z.string().regex(/^[a-z0-9-]{1,64}$/),
  variables: z.record(z.string().regex(/^\w{1,64}$/), z.array(labelValue).max(200)).default({}),
  range: timeRangeSchema,
  /** Width in CSS pixels of the dashboard's 12-column grid; each panel's share sets its step. */
  width: z.number().int().min(100).max(10_000).default(1200),
  /** Only these panels (all when absent). */
  panels: z.array(z.string().max(64)).max(100).optional(),
});
export type PanelsRequest = z.input<typeof panelsRequestSchema>;

const unixSeconds = z.coerce.number().finite().nonnegative();
/** It travels in the URL: see maxUrlTextLength in mongo-browse.ts for why a few thousand characters. */
const query = z.string().trim().min(1, "write a PromQL query").max(3_000);

export const instantQuerySchema = z.object({ query, time: unixSeconds.optional() });

export const rangeQuerySchema = z
  .object({
    query,
    start: unixSeconds,
    end: unixSeconds,
    step: z.coerce.number().finite().positive().optional(),
    width: z.coerce.number().int().min(100).max(10_000).default(1200),
  })
  .refine((q) => q.end > q.start, "end must come after start")
  .refine((q) => q.end - q.start <= 31 * 86_400, "at most 31 days");

const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "not a label name");
export const labelValuesQuerySchema = z.object({
  label: labelName,
  match: z.string().max(2_000).optional(),
  start: unixSeconds.optional(),
  end: unixSeconds.optional(),
});

/** One series as the console answers it: its labels, a legend, and [epoch ms, value] points (null for NaN). */
export interface MetricSeries {
  labels: Record<string, string>;
  legend: string;
  points: Array<[number, number | null]>;
}

export interface PanelData {
  id: string;
  /** Step in seconds the server chose, and the query after interpolation. */
  step: number;
  query: string;
  series: MetricSeries[];
  error?: { code: string; message: string };
}

export interface PanelsResponse {
  dashboard: string;
  start: number;
  end: number;
  panels: PanelData[];
}

export interface RangeQueryResponse {
  start: number;
  end: number;
  step: number;
  series: MetricSeries[];
}

export interface InstantQueryResponse {
  resultType: "vector" | "scalar" | "matrix" | "string";
  series: MetricSeries[];
}

export interface LabelValuesResponse {
  label: string;
  values: string[];
}

/** Where Prometheus's parser points in a query, 1-based. */
export interface PromqlPosition {
  line: number;
  column: number;
}

/**
 * The Prometheus API paths the PromQL editor's autocompletion may ask for (after `api/v1/`),
 * and the parameters that pass: this is no open proxy.
 */
export const autocompletePaths = [/^labels$/, /^label\/[a-zA-Z_][a-zA-Z0-9_]*\/values$/, /^series$/, /^metadata$/] as const;
export const autocompleteQuerySchema = z.object({
  "match[]": z.string().max(2_000).optional(),
  start: z
    .string()
    .regex(/^[\d.]+$/)
    .optional(),
  end: z
    .string()
    .regex(/^[\d.]+$/)
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
  metric: z
    .string()
    .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/)
    .optional(),
});
