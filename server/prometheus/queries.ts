import "server-only";
import { formatLegend } from "@/lib/metrics/promql";
import type { MetricSeries } from "@/lib/schemas/metrics";
import { singleFlight } from "../single-flight";
import { prometheusGet } from "./client";

type SampleValue = [number, string];
interface MatrixResult {
  resultType: "matrix";
  result: Array<{ metric: Record<string, string>; values: SampleValue[] }>;
}
type InstantResult =
  | { resultType: "vector"; result: Array<{ metric: Record<string, string>; value: SampleValue }> }
  | { resultType: "scalar" | "string"; result: SampleValue }
  | MatrixResult;

const toPoint = ([t, v]: SampleValue): [number, number | null] => {
  const value = Number(v);
  return [Math.round(t * 1000), Number.isNaN(value) ? null : value];
};

/** A range query's series in the console's shape (one Prometheus round trip, coalesced with identical calls). */
export async function fetchRangeSeries(query: string, start: number, end: number, step: number, legend?: string): Promise<MetricSeries[]> {
  const params = { query, start: String(start), end: String(end), step: String(step) };
  const data = await singleFlight(`prometheus:query_range:${JSON.stringify(params)}`, () => prometheusGet<MatrixResult>("query_range", params));
  return data.result.map(({ metric, values }) => ({ labels: metric, legend: formatLegend(legend, metric), points: values.map(toPoint) }));
}

/** An instant query's result as series of one point each (one round trip). */
export async function fetchInstantSeries(query: string, time?: number): Promise<{ resultType: InstantResult["resultType"]; series: MetricSeries[] }> {
  const data = await prometheusGet<InstantResult>("query", time === undefined ? { query } : { query, time: String(time) });
  switch (data.resultType) {
    case "vector":
      return {
        resultType: "vector",
        series: data.result.map(({ metric, value }) => ({ labels: metric, legend: formatLegend(undefined, metric), points: [toPoint(value)] })),
      };
    case "matrix":
      return {
        resultType: "matrix",
        series: data.result.map(({ metric, values }) => ({ labels: metric, legend: formatLegend(undefined, metric), points: values.map(toPoint) })),
      };
    default:
      return { resultType: data.resultType, series: [{ labels: {}, legend: data.resultType, points: [toPoint(data.result)] }] };
  }
}

/** Values of one label, optionally among series matching `match` and within [start, end] (one round trip). */
export async function fetchLabelValues(label: string, { match, start, end }: { match?: string; start?: number; end?: number } = {}): Promise<string[]> {
  const params: Record<string, string> = {};
  if (match) params["match[]"] = match;
  if (start !== undefined) params.start = String(start);
  if (end !== undefined) params.end = String(end);
  const values = await singleFlight(`prometheus:label:${label}:${JSON.stringify(params)}`, () =>
    prometheusGet<string[]>(`label/${encodeURIComponent(label)}/values`, params),
  );
  return [...values].sort();
}
