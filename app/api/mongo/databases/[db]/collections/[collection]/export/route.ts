import { handle } from "@/server/http/route";
import { exportDocuments } from "@/server/mongo/export-import";

export const dynamic = "force-dynamic";

/** GET …/export?format=jsonl|csv&filter=&sort=&projection= — the matching documents, streamed. */
export const GET = handle("GET /api/mongo/databases/[db]/collections/[collection]/export", async ({ params, query }) => {
  const result = await exportDocuments(params, query);
  return new Response(result.stream, {
    headers: {
      "content-type": result.contentType,
      "content-disposition": `attachment; filename="${result.fileName.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
      ...(result.estimatedTotal === null ? {} : { "x-estimated-total": String(result.estimatedTotal) }),
    },
  });
});
