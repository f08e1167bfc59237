import { writeAudit } from "@/server/audit/audit";
import { checkPassword } from "@/server/auth/users";
import { signInLimits } from "@/server/auth/rate-limit";
import { sessionSetCookie } from "@/server/auth/session";
import { getConfig } from "@/server/config";
import { AppError, RateLimitedError } from "@/server/http/errors";
import { handle } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** The client's address as Next.js's server records it (the last x-forwarded-for entry is the socket's peer). */
function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || "unknown";
}

/**
 * POST /api/auth/signin {username, password} — checks a local user's password (argon2id) and
 * starts a session (HttpOnly, SameSite=Lax cookie). 401 for a wrong name or password alike;
 * 429 after 5 failures for an account or 20 from an address within 5 minutes.
 */
export const POST = handle("POST /api/auth/signin", async ({ request, body: { username, password } }) => {
  if (getConfig().AUTH !== "local")
    throw new AppError("BAD_REQUEST", getConfig().AUTH === "off" ? "Sign-in is off on this console" : "This console signs in through its identity provider");
  const limits = signInLimits();
  const address = clientAddress(request);
  const wait = Math.max(limits.account.retryAfter(username), limits.address.retryAfter(address));
  if (wait > 0) {
    await writeAudit({ actor: username, action: "auth.signin", target: username, outcome: "refused", details: { address, reason: "rate limited" } });
    throw new RateLimitedError(`Too many failed sign-ins; try again in ${wait} s`, wait);
  }
  const user = await checkPassword(username, password);
  if (!user) {
    limits.account.fail(username);
    limits.address.fail(address);
    await writeAudit({ actor: username, action: "auth.signin", target: username, outcome: "refused", details: { address, reason: "wrong name or password" } });
    throw new AppError("UNAUTHENTICATED", "Wrong user name or password");
  }
  limits.account.clear(username);
  await writeAudit({ actor: user.name, action: "auth.signin", target: user.name, outcome: "ok", details: { address, role: user.role } });
  return Response.json({ user }, { headers: { "set-cookie": await sessionSetCookie(request, user), "cache-control": "no-store" } });
});
