import { namespaceParams } from "@/lib/schemas/mongo";
import { route } from "@/server/http/route";
import { importDocuments, readImportBody } from "@/server/mongo/export-import";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ db: string; collection: string }> };

/** POST …/import with JSON lines (Extended JSON, ≤ 10 MiB) — {inserted, failed: [{line, reason}]}. */
export const POST = route<Context>("/api/mongo/databases/[db]/collections/[collection]/import", async (request, context) => {
  const { db, collection } = namespaceParams.parse(await context.params);
  return Response.json(await importDocuments(db, collection, await readImportBody(request)));
});
