import { handle } from "@/server/http/route";
import { createCollection, listCollections } from "@/server/mongo/collections";

export const dynamic = "force-dynamic";

/** GET /api/mongo/databases/:db/collections?exact=false — counts (estimated; exact on demand), sizes, index count. */
export const GET = handle("GET /api/mongo/databases/[db]/collections", async ({ params, query }) => ({
  database: params.db,
  collections: await listCollections(params.db, query),
}));

/** POST /api/mongo/databases/:db/collections {name} — 201 with the new collection; 409 when it exists. */
export const POST = handle("POST /api/mongo/databases/[db]/collections", ({ params, body }) => createCollection({ db: params.db, collection: body.name }));
