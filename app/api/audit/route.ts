import { auditQuerySchema } from "@/lib/schemas/audit";
import { listAudit } from "@/server/audit/audit";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** GET /api/audit?action=&target=&limit= — audit records, newest first; `action` matches a prefix. */
export const GET = route("/api/audit", async (request) => {
  const query = auditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ entries: await listAudit(query) });
});
