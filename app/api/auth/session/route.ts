import type { SessionInfo } from "@/lib/schemas/auth";
import { requestUser } from "@/server/auth/authorize";
import { getConfig } from "@/server/config";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** GET /api/auth/session — who is signed in (null when nobody), how sign-in works here, and whether the console is read-only. */
export const GET = route("/api/auth/session", async (request) => {
  const config = getConfig();
  const info: SessionInfo = { user: await requestUser(request), auth: config.AUTH, readOnly: config.READ_ONLY };
  return Response.json(info, { headers: { "cache-control": "no-store" } });
});
