import { handle } from "@/server/http/route";
import { deleteDocument, documentIdFromSegment, fetchDocument, saveDocument } from "@/server/mongo/document";

export const dynamic = "force-dynamic";

const target = ({ db, collection, id }: { db: string; collection: string; id: string }) => ({ ns: { db, collection }, id: documentIdFromSegment(id) });

/** GET …/documents/:id — the document as canonical Extended JSON with its version token. */
export const GET = handle("GET /api/mongo/databases/[db]/collections/[collection]/documents/[id]", ({ params }) => {
  const { ns, id } = target(params);
  return fetchDocument(ns, id);
});

/** PUT …/documents/:id with `{ document: "<EJSON text>", version }` — replaces it if unchanged since loaded (409 otherwise). */
export const PUT = handle("PUT /api/mongo/databases/[db]/collections/[collection]/documents/[id]", ({ params, body }) => {
  const { ns, id } = target(params);
  return saveDocument(ns, id, body.document, body.version);
});

/** DELETE …/documents/:id with `{ version }` (refused if it changed) or `{ confirm: true }`; also as query parameters. */
export const DELETE = handle("DELETE /api/mongo/databases/[db]/collections/[collection]/documents/[id]", ({ params, body }) => {
  const { ns, id } = target(params);
  return deleteDocument(ns, id, body);
});
