import { dropIndexSchema, indexParams as params } from "@/lib/schemas/mongo-document";
import { route } from "@/server/http/route";
import { dropIndex } from "@/server/mongo/indexes";
import { readLimitedJsonBody } from "@/server/mongo/namespace-call";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ db: string; collection: string; name: string }> };

/** DELETE …/indexes/:name with `confirm` (body or query) equal to the index name; `_id_` is refused. */
export const DELETE = route<Context>("/api/mongo/databases/[db]/collections/[collection]/indexes/[name]", async (request, context) => {
  const { db, collection, name } = params.parse(await context.params);
  const fromQuery = new URL(request.url).searchParams.get("confirm");
  const { confirm } = dropIndexSchema.parse(fromQuery === null ? await readLimitedJsonBody(request, 4096) : { confirm: fromQuery });
  return Response.json(await dropIndex({ db, collection }, name, confirm));
});
