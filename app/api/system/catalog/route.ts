import { route } from "@/server/http/route";
import { buildSystemCatalog } from "@/server/system/catalog";

export const dynamic = "force-dynamic";

/** GET /api/system/catalog — what each topic of the system carries (event types with an example, keys), the entities and the event envelope. */
export const GET = route("/api/system/catalog", async () => Response.json(await buildSystemCatalog()));
