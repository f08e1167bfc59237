import { exportQuerySchema } from "@/lib/schemas/mongo-browse";
import { namespaceParams } from "@/lib/schemas/mongo";
import { route } from "@/server/http/route";
import { exportDocuments } from "@/server/mongo/export-import";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ db: string; collection: string }> };

/** GET …/export?format=jsonl|csv&filter=&sort=&projection= — the matching documents, streamed. */
export const GET = route<Context>("/api/mongo/databases/[db]/collections/[collection]/export", async (request, context) => {
  const { db, collection } = namespaceParams.parse(await context.params);
  const query = exportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await exportDocuments(db, collection, query);
  return new Response(result.stream, {
    headers: {
      "content-type": result.contentType,
      "content-disposition": `attachment; filename="${result.fileName.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
      ...(result.estimatedTotal === null ? {} : { "x-estimated-total": String(result.estimatedTotal) }),
    },
  });
});
