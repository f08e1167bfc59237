import { handle } from "@/server/http/route";
import { actOnReplayJob } from "@/server/replay/jobs";

export const dynamic = "force-dynamic";

/** POST /api/replay/jobs/:id/pause|resume|cancel — 409 when the job's state does not allow it. */
export const POST = handle("POST /api/replay/jobs/[id]/[action]", async ({ params, actor }) => ({
  job: await actOnReplayJob(params.id, params.action, actor),
}));
