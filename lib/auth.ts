/** Roles, sessions and the CSRF header, shared by pages and server (no zod: it stays out of every page's first load). */

export const roles = ["viewer", "operator", "admin"] as const;
export type Role = (typeof roles)[number];

/** viewer < operator < admin: each role can do what the ones before it can. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(needed);
}

export interface SessionUser {
  name: string;
  role: Role;
}

/** GET /api/auth/session: who is signed in and how the console is set up. */
export interface SessionInfo {
  user: SessionUser | null;
  auth: "local" | "oidc" | "off";
  readOnly: boolean;
}

/** The header every change must carry (with a same-origin request): a cross-site form or image cannot send it. */
export const csrfHeader = "x-eventdeck-csrf";
