import { handle } from "@/server/http/route";
import { describeCollection, dropCollection, renameCollection } from "@/server/mongo/collections";

export const dynamic = "force-dynamic";

/** GET …/collections/:collection?exact=false — one collection's counts and sizes. */
export const GET = handle("GET /api/mongo/databases/[db]/collections/[collection]", ({ params, query }) => describeCollection(params, query));

/** PATCH …/collections/:collection {to} — renames it within the database. */
export const PATCH = handle("PATCH /api/mongo/databases/[db]/collections/[collection]", ({ params, body }) => renameCollection(params, body.to));

/** DELETE …/collections/:collection with `confirm` (query or body) equal to the collection's name. */
export const DELETE = handle("DELETE /api/mongo/databases/[db]/collections/[collection]", ({ params, body }) => dropCollection(params, body.confirm));
