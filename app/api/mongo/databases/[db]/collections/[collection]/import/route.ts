import { handle } from "@/server/http/route";
import { importDocuments } from "@/server/mongo/export-import";

export const dynamic = "force-dynamic";

/** POST …/import with JSON lines (Extended JSON, ≤ 10 MiB) — {inserted, failed: [{line, reason}]}. */
export const POST = handle("POST /api/mongo/databases/[db]/collections/[collection]/import", ({ params, body }) => importDocuments(params, body));
