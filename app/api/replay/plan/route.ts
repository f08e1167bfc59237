import { replaySpecSchema } from "@/lib/schemas/replay";
import { readJsonBody, route } from "@/server/http/route";
import { planReprocess, planRepublish } from "@/server/replay/plan";
import { planRebuild } from "@/server/replay/rebuild";

export const dynamic = "force-dynamic";

/** POST /api/replay/plan — the dry run of a replay spec: ranges, counts, a sample, the target and who reads it. Writes nothing. */
export const POST = route("/api/replay/plan", async (request) => {
  const spec = replaySpecSchema.parse(await readJsonBody(request));
  return Response.json(spec.kind === "republish" ? await planRepublish(spec) : spec.kind === "reprocess" ? await planReprocess(spec) : await planRebuild(spec));
});
