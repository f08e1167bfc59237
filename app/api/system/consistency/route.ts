import { startConsistencyCheckSchema } from "@/lib/schemas/system";
import { requestActor } from "@/server/auth/authorize";
import { readJsonBody, route } from "@/server/http/route";
import { declaredCopies, listConsistencyChecks, startConsistencyCheck } from "@/server/system/consistency";

export const dynamic = "force-dynamic";

/** GET /api/system/consistency — the declared copies and the latest checks (without their mismatches). */
export const GET = route("/api/system/consistency", async () => Response.json({ copies: declaredCopies(), checks: await listConsistencyChecks() }));

/** POST /api/system/consistency {copy} — starts a check of a whole declared copy; answers 201 with it. */
export const POST = route("/api/system/consistency", async (request) => {
  const { copy } = startConsistencyCheckSchema.parse(await readJsonBody(request));
  return Response.json({ check: await startConsistencyCheck(copy, requestActor(request)) }, { status: 201 });
});
