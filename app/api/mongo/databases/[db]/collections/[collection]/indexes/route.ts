import { handle } from "@/server/http/route";
import { createIndex, listIndexes } from "@/server/mongo/indexes";

export const dynamic = "force-dynamic";

/** GET …/indexes — keys, options and sizes of every index. */
export const GET = handle("GET /api/mongo/databases/[db]/collections/[collection]/indexes", ({ params }) => listIndexes(params));

/** POST …/indexes with keys (EJSON text or fields with directions) and options; 201 with the index and warnings. */
export const POST = handle("POST /api/mongo/databases/[db]/collections/[collection]/indexes", ({ params, body }) => createIndex(params, body));
