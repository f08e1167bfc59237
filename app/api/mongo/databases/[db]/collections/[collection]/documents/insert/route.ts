import { namespaceParams } from "@/lib/schemas/mongo";
import { insertDocumentSchema, maxDocumentBodyBytes } from "@/lib/schemas/mongo-document";
import { route } from "@/server/http/route";
import { insertDocument } from "@/server/mongo/document";
import { readLimitedJsonBody } from "@/server/mongo/namespace-call";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ db: string; collection: string }> };

/**
 * POST …/documents/insert with `{ document: "<EJSON text>" }` — 201 with the stored document.
 * A document whose `_id` is the string "insert" is still reachable: clients spell that id as
 * Extended JSON (`ejson:"insert"`), see documentPath in lib/queries/mongo-document.ts.
 */
export const POST = route<Context>("/api/mongo/databases/[db]/collections/[collection]/documents/insert", async (request, context) => {
  const ns = namespaceParams.parse(await context.params);
  const { document } = insertDocumentSchema.parse(await readLimitedJsonBody(request, maxDocumentBodyBytes));
  return Response.json(await insertDocument(ns, document), { status: 201 });
});
