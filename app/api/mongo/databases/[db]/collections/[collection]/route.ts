import { collectionListQuerySchema, renameCollectionSchema } from "@/lib/schemas/mongo-browse";
import { namespaceParams } from "@/lib/schemas/mongo";
import { readJsonBody, route } from "@/server/http/route";
import { describeCollection, dropCollection, renameCollection } from "@/server/mongo/collections";
import { readDropConfirmation } from "@/server/mongo/databases";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ db: string; collection: string }> };
const name = "/api/mongo/databases/[db]/collections/[collection]";

/** GET …/collections/:collection?exact=false — one collection's counts and sizes. */
export const GET = route<Context>(name, async (request, context) => {
  const { db, collection } = namespaceParams.parse(await context.params);
  const query = collectionListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await describeCollection(db, collection, query));
});

/** PATCH …/collections/:collection {to} — renames it within the database. */
export const PATCH = route<Context>(name, async (request, context) => {
  const { db, collection } = namespaceParams.parse(await context.params);
  const { to } = renameCollectionSchema.parse(await readJsonBody(request));
  return Response.json(await renameCollection(db, collection, to));
});

/** DELETE …/collections/:collection with `confirm` (query or body) equal to the collection's name. */
export const DELETE = route<Context>(name, async (request, context) => {
  const { db, collection } = namespaceParams.parse(await context.params);
  return Response.json(await dropCollection(db, collection, await readDropConfirmation(request)));
});
