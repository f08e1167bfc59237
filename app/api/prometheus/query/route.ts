import { instantQuerySchema, type InstantQueryResponse } from "@/lib/schemas/metrics";
import { route } from "@/server/http/route";
import { fetchInstantSeries } from "@/server/prometheus/queries";

export const dynamic = "force-dynamic";

/** An instant PromQL query (Explore); Prometheus's syntax errors come back as 400 with its message and position. */
export const GET = route("/api/prometheus/query", async (request) => {
  const { query, time } = instantQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json((await fetchInstantSeries(query, time)) satisfies InstantQueryResponse, { headers: { "cache-control": "no-store" } });
});
