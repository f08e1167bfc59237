import { namespaceParams } from "@/lib/schemas/mongo";
import { aggregateSchema } from "@/lib/schemas/mongo-document";
import { route } from "@/server/http/route";
import { runAggregate } from "@/server/mongo/aggregate";
import { readLimitedJsonBody } from "@/server/mongo/namespace-call";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ db: string; collection: string }> };

/**
 * POST …/aggregate with `{ pipeline: "<EJSON array>", limit?, maxTimeMS? }` — runs a read-only pipeline.
 * It changes nothing, but another site must not make the console run pipelines either: same origin only.
 */
export const POST = route<Context>("/api/mongo/databases/[db]/collections/[collection]/aggregate", async (request, context) => {
  const ns = namespaceParams.parse(await context.params);
  const { pipeline, limit, maxTimeMS } = aggregateSchema.parse(await readLimitedJsonBody(request, 2 * 1024 * 1024));
  return Response.json(await runAggregate(ns, pipeline, limit, maxTimeMS), { headers: { "cache-control": "no-store" } });
});
