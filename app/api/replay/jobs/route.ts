import { createReplayJobSchema, replayJobListQuerySchema } from "@/lib/schemas/replay";
import { requestActor } from "@/server/auth/authorize";
import { readJsonBody, route } from "@/server/http/route";
import { createReplayJob, listReplayJobs } from "@/server/replay/jobs";

export const dynamic = "force-dynamic";

/** GET /api/replay/jobs?state=&limit= — replay jobs, newest first. */
export const GET = route("/api/replay/jobs", async (request) => {
  const query = replayJobListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ jobs: await listReplayJobs(query) });
});

/** POST /api/replay/jobs {spec, confirm: true} — queues a replay after the server's own dry run; answers 201 with the job. */
export const POST = route("/api/replay/jobs", async (request) => {
  const { spec } = createReplayJobSchema.parse(await readJsonBody(request));
  return Response.json({ job: await createReplayJob(spec, requestActor(request)) }, { status: 201 });
});
