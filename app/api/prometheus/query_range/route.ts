import { chooseStep, maxPointsPerSeries, pointsForStep } from "@/lib/metrics/step";
import { handle } from "@/server/http/route";
import { fetchRangeSeries } from "@/server/prometheus/queries";

export const dynamic = "force-dynamic";

/** A range PromQL query (Explore); without a step, or with one that would exceed 1,000 points, the server picks it. */
export const GET = handle("GET /api/prometheus/query_range", async ({ query: { query, start, end, step: asked, width } }) => {
  const step = asked && pointsForStep(end - start, asked) <= maxPointsPerSeries ? asked : chooseStep(end - start, width);
  return { start, end, step, series: await fetchRangeSeries(query, start, end, step) };
});
