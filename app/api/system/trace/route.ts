import { handle } from "@/server/http/route";
import { traceFor } from "@/server/system/sensitive";
import { traceEntity } from "@/server/system/trace";

export const dynamic = "force-dynamic";

/** GET /api/system/trace?id=&entity= or ?traceId= — an entity's (or a trace's) events across the topics, its documents, group positions and copies. */
export const GET = handle("GET /api/system/trace", async ({ request, query }) => traceFor(request, await traceEntity(query)));
