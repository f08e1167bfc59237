import { consistencyCheckParams as params } from "@/lib/schemas/system";
import { route } from "@/server/http/route";
import { getConsistencyCheck } from "@/server/system/consistency";
import { checkFor } from "@/server/system/sensitive";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** GET /api/system/consistency/:id — one check with its progress, counts and mismatches. */
export const GET = route<Context>("/api/system/consistency/[id]", async (request, context) => {
  const { id } = params.parse(await context.params);
  return Response.json({ check: await checkFor(request, await getConsistencyCheck(id)) });
});
