import "server-only";
import { randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { roles, type SessionUser } from "@/lib/schemas/auth";
import { getConfig } from "../config";
import { getLogger } from "../log";

export const sessionCookie = "eventdeck_session";

const cache = globalThis as unknown as { eventdeckSessionSecret?: string };

/** The key sealing session (and sign-in flow) cookies. */
export function sessionSecret(): string {
  const configured = getConfig().SESSION_SECRET;
  if (configured) return configured;
  if (!cache.eventdeckSessionSecret) {
    cache.eventdeckSessionSecret = randomBytes(32).toString("base64url");
    getLogger().warn("SESSION_SECRET is not set: sessions are sealed with a key made at start and end when the console restarts");
  }
  return cache.eventdeckSessionSecret;
}

const ttlSeconds = () => Math.round(getConfig().SESSION_TTL_HOURS * 3600);

interface SealedSession extends SessionUser {
  /** Expiry, seconds since the epoch (iron-session's ttl is checked too). */
  exp: number;
}

function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return null;
}

/** The signed-in user of a request's session cookie; null when there is none, it was tampered with, or it expired. */
export async function userFromCookieHeader(header: string | null): Promise<SessionUser | null> {
  const sealed = readCookie(header, sessionCookie);
  if (!sealed) return null;
  try {
    const data = await unsealData<Partial<SealedSession>>(sealed, { password: sessionSecret(), ttl: ttlSeconds() });
    if (!data.name || !data.role || !roles.includes(data.role) || !data.exp || data.exp * 1000 < Date.now()) return null;
    return { name: data.name, role: data.role };
  } catch {
    return null;
  }
}

function cookieAttributes(request: Request, maxAge: number): string {
  const https = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${https ? "; Secure" : ""}`;
}

/** A Set-Cookie value starting a session for `user`. */
export async function sessionSetCookie(request: Request, user: SessionUser): Promise<string> {
  const ttl = ttlSeconds();
  const sealed = await sealData({ ...user, exp: Math.floor(Date.now() / 1000) + ttl } satisfies SealedSession, { password: sessionSecret(), ttl });
  return `${sessionCookie}=${sealed}; ${cookieAttributes(request, ttl)}`;
}

/** A Set-Cookie value that removes the session. */
export function clearSessionCookie(request: Request): string {
  return `${sessionCookie}=; ${cookieAttributes(request, 0)}`;
}
