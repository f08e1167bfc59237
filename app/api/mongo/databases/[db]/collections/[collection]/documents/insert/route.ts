import { handle } from "@/server/http/route";
import { insertDocument } from "@/server/mongo/document";

export const dynamic = "force-dynamic";

/**
 * POST …/documents/insert with `{ document: "<EJSON text>" }` — 201 with the stored document.
 * A document whose `_id` is the string "insert" is still reachable: clients spell that id as
 * Extended JSON (`ejson:"insert"`), see documentPath in lib/queries/mongo-document.ts.
 */
export const POST = handle("POST /api/mongo/databases/[db]/collections/[collection]/documents/insert", ({ params, body }) =>
  insertDocument(params, body.document),
);
