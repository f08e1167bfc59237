import { documentsQuerySchema } from "@/lib/schemas/mongo-browse";
import { namespaceParams } from "@/lib/schemas/mongo";
import { route } from "@/server/http/route";
import { fetchDocumentsPage } from "@/server/mongo/documents";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ db: string; collection: string }> };

/**
 * GET …/documents?filter=&sort=&projection=&limit=50&after=|before=|startAt=&exact=false —
 * one page by keyset (filter, sort and projection in Extended JSON), as canonical EJSON.
 */
export const GET = route<Context>("/api/mongo/databases/[db]/collections/[collection]/documents", async (request, context) => {
  const { db, collection } = namespaceParams.parse(await context.params);
  const query = documentsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await fetchDocumentsPage(db, collection, query), { headers: { "cache-control": "no-store" } });
});
