import { collectionListQuerySchema, createCollectionSchema, databaseParams } from "@/lib/schemas/mongo-browse";
import { readJsonBody, route } from "@/server/http/route";
import { createCollection, listCollections } from "@/server/mongo/collections";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ db: string }> };

/** GET /api/mongo/databases/:db/collections?exact=false — counts (estimated; exact on demand), sizes, index count. */
export const GET = route<Context>("/api/mongo/databases/[db]/collections", async (request, context) => {
  const { db } = databaseParams.parse(await context.params);
  const query = collectionListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ database: db, collections: await listCollections(db, query) });
});

/** POST /api/mongo/databases/:db/collections {name} — 201 with the new collection; 409 when it exists. */
export const POST = route<Context>("/api/mongo/databases/[db]/collections", async (request, context) => {
  const { db } = databaseParams.parse(await context.params);
  const { name } = createCollectionSchema.parse(await readJsonBody(request));
  return Response.json(await createCollection(db, name), { status: 201 });
});
