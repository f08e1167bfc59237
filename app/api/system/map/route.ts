import { handle } from "@/server/http/route";
import { buildSystemMap } from "@/server/system/map";

export const dynamic = "force-dynamic";

/** GET /api/system/map — services, topics and consumer groups with produce and consume edges, rates, lag and health. */
export const GET = handle("GET /api/system/map", () => buildSystemMap());
