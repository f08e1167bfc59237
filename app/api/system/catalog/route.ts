import { handle } from "@/server/http/route";
import { buildSystemCatalog } from "@/server/system/catalog";

export const dynamic = "force-dynamic";

/** GET /api/system/catalog — what each topic of the system carries (event types with an example, keys), the entities and the event envelope. */
export const GET = handle("GET /api/system/catalog", () => buildSystemCatalog());
