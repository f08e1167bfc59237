import { z } from "zod";
import { auditQuerySchema } from "@/lib/schemas/audit";
import { signInSchema } from "@/lib/schemas/auth";
import { healthReportSchema } from "@/lib/schemas/health";
import { sessionInfo, settingsList, signInResult } from "../responses/auth";
import { auditEntry } from "../responses/replay";
import { admin, json, list, publicAccess, viewer, type ApiOperation } from "./define";

/** The console itself, sign-in and the audit log. */
export const consoleOperations = {
  "GET /api/health": {
    access: publicAccess,
    summary: "Health of Kafka, MongoDB and Prometheus (always 200: a backend that is down is data)",
    ok: json(healthReportSchema),
    local: true,
  },
  "GET /api/metrics": {
    access: publicAccess,
    summary: "The console's own metrics in the Prometheus text format",
    ok: { status: 200, content: { "text/plain": z.string() } },
    local: true,
  },
  "GET /api/openapi.json": {
    access: publicAccess,
    cacheControl: "no-cache",
    summary: "This document",
    ok: json(z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) })),
    local: true,
  },
  "GET /api/settings": { access: admin, summary: "The effective configuration, every secret and URI credential redacted", ok: json(settingsList), local: true },
  "GET /api/audit": {
    access: viewer,
    summary: "Audit records, newest first; `action` matches a prefix",
    query: auditQuerySchema,
    ok: list("entries", auditEntry),
  },
  "POST /api/auth/signin": {
    access: publicAccess,
    audit: false,
    summary: "Signs a local user in: sets the HttpOnly session cookie",
    body: { schema: signInSchema },
    ok: json(signInResult),
    errors: [401, 429],
    local: true,
  },
  "POST /api/auth/signout": { access: publicAccess, audit: false, summary: "Ends the session (removes the cookie)", ok: { status: 204 }, local: true },
  "GET /api/auth/session": {
    access: publicAccess,
    summary: "Who is signed in, how sign-in works here, and whether the console is read-only",
    ok: json(sessionInfo),
    local: true,
  },
  // The OpenID Connect routes hand the query to openid-client (start: `returnTo`, made safe by
  // safeReturnTo; callback: the provider's parameters), so these query schemas only document them.
  "GET /api/auth/oidc/start": {
    access: publicAccess,
    summary: "Sends the browser to the identity provider (AUTH=oidc)",
    query: z.object({ returnTo: z.string().optional().describe("A path of this console to come back to") }),
    ok: { status: 302, description: "To the identity provider, with a short-lived cookie for the flow" },
    local: true,
  },
  "GET /api/auth/oidc/callback": {
    access: publicAccess,
    summary: "Where the identity provider sends the browser back: starts the session",
    query: z.looseObject({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional() }),
    ok: { status: 302, description: "Back to the page the sign-in started from, or to the sign-in form with the reason" },
    local: true,
  },
} satisfies Record<string, ApiOperation>;
