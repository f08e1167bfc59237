import "server-only";
import { csrfHeader, roleAtLeast, type SessionUser } from "@/lib/schemas/auth";
import { getConfig } from "../config";
import { AppError } from "../http/errors";
import { assertSameOrigin } from "../http/same-origin";
import type { AccessRule } from "@/lib/api/operations/define";
import { isSensitive } from "./policy";
import { userFromCookieHeader } from "./session";

/** Who made each request, once the route wrapper has looked (for audit records). */
const actors = new WeakMap<Request, SessionUser | null>();

export const isMutation = (method: string) => method !== "GET" && method !== "HEAD" && method !== "OPTIONS";

/** The signed-in user of the request (everyone is "local", an admin, while sign-in is off). */
export async function requestUser(request: Request): Promise<SessionUser | null> {
  if (actors.has(request)) return actors.get(request)!;
  const user = getConfig().AUTH === "off" ? { name: "local", role: "admin" as const } : await userFromCookieHeader(request.headers.get("cookie"));
  actors.set(request, user);
  return user;
}

/** The name audit records give the request's user. */
export function requestActor(request: Request): string {
  return actors.get(request)?.name ?? "anonymous";
}

/**
 * The one check every API request goes through (the route wrapper calls it with the
 * operation's declared rule): changes need a same-origin request carrying the CSRF
 * header and are refused in read-only mode; then the session must carry the rule's role,
 * and viewers may not read documents of sensitive collections.
 */
export async function authorize(request: Request, key: string, rule: AccessRule, context: unknown): Promise<SessionUser | null> {
  const method = request.method === "HEAD" ? "GET" : request.method;
  const config = getConfig();
  if (isMutation(method)) {
    assertSameOrigin(request);
    if (request.headers.get(csrfHeader) !== "1")
      throw new AppError("FORBIDDEN", `Changes must carry the ${csrfHeader}: 1 header (the console's pages send it)`);
    if (config.READ_ONLY && !key.includes(" /api/auth/")) throw new AppError("READ_ONLY", "The console is read-only (READ_ONLY=true): nothing can be changed");
  }
  const user = await requestUser(request);
  if (rule.role === "public") return user;
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to use the console");
  if (!roleAtLeast(user.role, rule.role)) throw new AppError("FORBIDDEN", `This needs the ${rule.role} role; ${user.name} is a ${user.role}`);
  if (rule.documents && user.role === "viewer" && config.SENSITIVE_COLLECTIONS.length > 0) {
    const params = (await (context as { params?: Promise<Record<string, string>> } | undefined)?.params) ?? {};
    if (params.db && params.collection && isSensitive(config.SENSITIVE_COLLECTIONS, params.db, params.collection)) {
      throw new AppError("FORBIDDEN", `${params.db}.${params.collection} is marked sensitive: viewers see its size and indexes, not its documents`);
    }
  }
  return user;
}
