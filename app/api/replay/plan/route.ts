import { handle } from "@/server/http/route";
import { planReprocess, planRepublish } from "@/server/replay/plan";
import { planRebuild } from "@/server/replay/rebuild";

export const dynamic = "force-dynamic";

/** POST /api/replay/plan — the dry run of a replay spec: ranges, counts, a sample, the target and who reads it. Writes nothing. */
export const POST = handle("POST /api/replay/plan", ({ body: spec }) =>
  spec.kind === "republish" ? planRepublish(spec) : spec.kind === "reprocess" ? planReprocess(spec) : planRebuild(spec),
);
