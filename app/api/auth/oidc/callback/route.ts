import { writeAudit } from "@/server/audit/audit";
import { finishSignIn, oidcCookie, publicOrigin } from "@/server/auth/oidc";
import { sessionSetCookie } from "@/server/auth/session";
import { getConfig } from "@/server/config";
import { AppError } from "@/server/http/errors";
import { handle } from "@/server/http/route";

export const dynamic = "force-dynamic";

function cookieValue(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return null;
}

/**
 * GET /api/auth/oidc/callback — where the identity provider sends the browser back: starts the
 * session and returns to the page the sign-in started from; a refusal goes back to the sign-in
 * form with the reason.
 */
export const GET = handle("GET /api/auth/oidc/callback", async ({ request }) => {
  if (getConfig().AUTH !== "oidc") throw new AppError("BAD_REQUEST", "This console does not sign in through an identity provider (AUTH is not oidc)");
  const clearFlow = `${oidcCookie}=; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0`;
  try {
    const { user, returnTo } = await finishSignIn(request, cookieValue(request, oidcCookie));
    await writeAudit({ actor: user.name, action: "auth.signin", target: user.name, outcome: "ok", details: { method: "oidc", role: user.role } });
    const headers = new Headers({ location: `${publicOrigin(request)}${returnTo}`, "cache-control": "no-store" });
    headers.append("set-cookie", await sessionSetCookie(request, user));
    headers.append("set-cookie", clearFlow);
    return new Response(null, { status: 302, headers });
  } catch (error) {
    const message = error instanceof AppError ? error.message : "Signing in failed";
    await writeAudit({ actor: "anonymous", action: "auth.signin", target: "oidc", outcome: "refused", details: { method: "oidc", reason: message } });
    const location = `${publicOrigin(request)}/?signin_error=${encodeURIComponent(message)}`;
    return new Response(null, { status: 302, headers: { location, "set-cookie": clearFlow, "cache-control": "no-store" } });
  }
});
