import { requestActor, requestUser } from "@/server/auth/authorize";
import { clearSessionCookie } from "@/server/auth/session";
import { writeAudit } from "@/server/audit/audit";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** POST /api/auth/signout — ends the session (the cookie is removed). */
export const POST = route("/api/auth/signout", async (request) => {
  if (await requestUser(request))
    await writeAudit({ actor: requestActor(request), action: "auth.signout", target: requestActor(request), outcome: "ok", details: {} });
  return new Response(null, { status: 204, headers: { "set-cookie": clearSessionCookie(request), "cache-control": "no-store" } });
});
