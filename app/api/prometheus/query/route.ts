import { handle } from "@/server/http/route";
import { fetchInstantSeries } from "@/server/prometheus/queries";

export const dynamic = "force-dynamic";

/** An instant PromQL query (Explore); Prometheus's syntax errors come back as 400 with its message and position. */
export const GET = handle("GET /api/prometheus/query", ({ query }) => fetchInstantSeries(query.query, query.time));
