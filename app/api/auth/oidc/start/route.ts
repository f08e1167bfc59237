import { startSignIn } from "@/server/auth/oidc";
import { getConfig } from "@/server/config";
import { AppError } from "@/server/http/errors";
import { handle } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** GET /api/auth/oidc/start?returnTo=/path — sends the browser to the identity provider (authorization code with PKCE). */
export const GET = handle("GET /api/auth/oidc/start", async ({ request }) => {
  if (getConfig().AUTH !== "oidc") throw new AppError("BAD_REQUEST", "This console does not sign in through an identity provider (AUTH is not oidc)");
  const { location, cookie } = await startSignIn(request);
  return new Response(null, { status: 302, headers: { location, "set-cookie": cookie, "cache-control": "no-store" } });
});
