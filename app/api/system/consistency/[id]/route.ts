import { handle } from "@/server/http/route";
import { getConsistencyCheck } from "@/server/system/consistency";
import { checkFor } from "@/server/system/sensitive";

export const dynamic = "force-dynamic";

/** GET /api/system/consistency/:id — one check with its progress, counts and mismatches. */
export const GET = handle("GET /api/system/consistency/[id]", async ({ request, params }) => ({
  check: await checkFor(request, await getConsistencyCheck(params.id)),
}));
