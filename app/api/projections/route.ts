import { route } from "@/server/http/route";
import { listProjections } from "@/server/services/projections";

export const dynamic = "force-dynamic";

/** GET /api/projections — the rebuildable read models the configured services expose, and the services that did not answer. */
export const GET = route("/api/projections", async () => Response.json(await listProjections()));
