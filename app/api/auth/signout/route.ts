import { clearSessionCookie } from "@/server/auth/session";
import { writeAudit } from "@/server/audit/audit";
import { handle } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** POST /api/auth/signout — ends the session (the cookie is removed). */
export const POST = handle("POST /api/auth/signout", async ({ request, user }) => {
  if (user) await writeAudit({ actor: user.name, action: "auth.signout", target: user.name, outcome: "ok", details: {} });
  return new Response(null, { status: 204, headers: { "set-cookie": clearSessionCookie(request), "cache-control": "no-store" } });
});
