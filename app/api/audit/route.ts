import { listAudit } from "@/server/audit/audit";
import { handle } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** GET /api/audit?action=&target=&limit= — audit records, newest first; `action` matches a prefix. */
export const GET = handle("GET /api/audit", async ({ query }) => ({ entries: await listAudit(query) }));
