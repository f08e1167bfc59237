import { namespaceParams } from "@/lib/schemas/mongo";
import { createIndexSchema } from "@/lib/schemas/mongo-document";
import { route } from "@/server/http/route";
import { createIndex, listIndexes } from "@/server/mongo/indexes";
import { readLimitedJsonBody } from "@/server/mongo/namespace-call";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ db: string; collection: string }> };
const name = "/api/mongo/databases/[db]/collections/[collection]/indexes";

/** GET …/indexes — keys, options and sizes of every index. */
export const GET = route<Context>(name, async (_request, context) => {
  const ns = namespaceParams.parse(await context.params);
  return Response.json(await listIndexes(ns), { headers: { "cache-control": "no-store" } });
});

/** POST …/indexes with keys (EJSON text or fields with directions) and options; 201 with the index and warnings. */
export const POST = route<Context>(name, async (request, context) => {
  const ns = namespaceParams.parse(await context.params);
  const input = createIndexSchema.parse(await readLimitedJsonBody(request, 64 * 1024));
  return Response.json(await createIndex(ns, input), { status: 201 });
});
