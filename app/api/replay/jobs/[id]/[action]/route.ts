import { replayJobActionParams as params } from "@/lib/schemas/replay";
import { requestActor } from "@/server/auth/authorize";
import { route } from "@/server/http/route";
import { actOnReplayJob } from "@/server/replay/jobs";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; action: string }> };

/** POST /api/replay/jobs/:id/pause|resume|cancel — 409 when the job's state does not allow it. */
export const POST = route<Context>("/api/replay/jobs/[id]/[action]", async (request, context) => {
  const { id, action } = params.parse(await context.params);
  return Response.json({ job: await actOnReplayJob(id, action, requestActor(request)) });
});
