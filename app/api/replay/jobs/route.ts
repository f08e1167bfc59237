import { handle } from "@/server/http/route";
import { createReplayJob, listReplayJobs } from "@/server/replay/jobs";

export const dynamic = "force-dynamic";

/** GET /api/replay/jobs?state=&limit= — replay jobs, newest first. */
export const GET = handle("GET /api/replay/jobs", async ({ query }) => ({ jobs: await listReplayJobs(query) }));

/** POST /api/replay/jobs {spec, confirm: true} — queues a replay after the server's own dry run; answers 201 with the job. */
export const POST = handle("POST /api/replay/jobs", async ({ body, actor }) => ({ job: await createReplayJob(body.spec, actor) }));
