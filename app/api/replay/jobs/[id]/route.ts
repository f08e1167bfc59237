import { listAudit } from "@/server/audit/audit";
import { handle } from "@/server/http/route";
import { getReplayJob } from "@/server/replay/jobs";

export const dynamic = "force-dynamic";

/** GET /api/replay/jobs/:id — one job with its audit records. */
export const GET = handle("GET /api/replay/jobs/[id]", async ({ params: { id } }) => {
  const [job, audit] = await Promise.all([getReplayJob(id), listAudit({ target: id, limit: 100 })]);
  return { job, audit };
});
