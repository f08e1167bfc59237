import {
  deleteDocumentQuerySchema,
  deleteDocumentSchema,
  documentParams as params,
  maxDocumentBodyBytes,
  saveDocumentSchema,
} from "@/lib/schemas/mongo-document";
import { route } from "@/server/http/route";
import { deleteDocument, documentIdFromSegment, fetchDocument, saveDocument } from "@/server/mongo/document";
import { readLimitedJsonBody } from "@/server/mongo/namespace-call";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ db: string; collection: string; id: string }> };
const name = "/api/mongo/databases/[db]/collections/[collection]/documents/[id]";

async function target(context: Context) {
  const { db, collection, id } = params.parse(await context.params);
  return { ns: { db, collection }, id: documentIdFromSegment(id) };
}

/** GET …/documents/:id — the document as canonical Extended JSON with its version token. */
export const GET = route<Context>(name, async (_request, context) => {
  const { ns, id } = await target(context);
  return Response.json(await fetchDocument(ns, id), { headers: { "cache-control": "no-store" } });
});

/** PUT …/documents/:id with `{ document: "<EJSON text>", version }` — replaces it if unchanged since loaded (409 otherwise). */
export const PUT = route<Context>(name, async (request, context) => {
  const { ns, id } = await target(context);
  const { document, version } = saveDocumentSchema.parse(await readLimitedJsonBody(request, maxDocumentBodyBytes));
  return Response.json(await saveDocument(ns, id, document, version));
});

/** DELETE …/documents/:id with `{ version }` (refused if it changed) or `{ confirm: true }`; also as query parameters. */
export const DELETE = route<Context>(name, async (request, context) => {
  const { ns, id } = await target(context);
  const query = deleteDocumentQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const body = await readLimitedJsonBody(request, 4096);
  const fromQuery = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
  const input = deleteDocumentSchema.parse({ ...(body as object), ...fromQuery });
  return Response.json(await deleteDocument(ns, id, input));
});
