import { chooseStep, maxPointsPerSeries, pointsForStep } from "@/lib/metrics/step";
import { rangeQuerySchema, type RangeQueryResponse } from "@/lib/schemas/metrics";
import { route } from "@/server/http/route";
import { fetchRangeSeries } from "@/server/prometheus/queries";

export const dynamic = "force-dynamic";

/** A range PromQL query (Explore); without a step, or with one that would exceed 1,000 points, the server picks it. */
export const GET = route("/api/prometheus/query_range", async (request) => {
  const { query, start, end, step: asked, width } = rangeQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const step = asked && pointsForStep(end - start, asked) <= maxPointsPerSeries ? asked : chooseStep(end - start, width);
  const series = await fetchRangeSeries(query, start, end, step);
  return Response.json({ start, end, step, series } satisfies RangeQueryResponse, { headers: { "cache-control": "no-store" } });
});
