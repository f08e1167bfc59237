import { handle } from "@/server/http/route";
import { listProjections } from "@/server/service-admin/projections";

export const dynamic = "force-dynamic";

/** GET /api/projections — the rebuildable read models the configured services expose, and the services that did not answer. */
export const GET = handle("GET /api/projections", () => listProjections());
