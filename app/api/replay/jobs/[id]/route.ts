import { replayJobParams as params } from "@/lib/schemas/replay";
import { listAudit } from "@/server/audit/audit";
import { route } from "@/server/http/route";
import { getReplayJob } from "@/server/replay/jobs";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** GET /api/replay/jobs/:id — one job with its audit records. */
export const GET = route<Context>("/api/replay/jobs/[id]", async (_request, context) => {
  const { id } = params.parse(await context.params);
  const [job, audit] = await Promise.all([getReplayJob(id), listAudit({ target: id, limit: 100 })]);
  return Response.json({ job, audit });
});
