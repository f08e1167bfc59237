import { traceQuerySchema } from "@/lib/schemas/system";
import { route } from "@/server/http/route";
import { traceFor } from "@/server/system/sensitive";
import { traceEntity } from "@/server/system/trace";

export const dynamic = "force-dynamic";

/** GET /api/system/trace?id=&entity= or ?traceId= — an entity's (or a trace's) events across the topics, its documents, group positions and copies. */
export const GET = route("/api/system/trace", async (request) => {
  const query = traceQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await traceFor(request, await traceEntity(query)));
});
