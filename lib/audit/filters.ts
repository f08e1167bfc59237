import type { z } from "zod";
import type { AuditEntry, auditQuerySchema } from "@/lib/schemas/audit";

/** What the audit page filters by; every field lives in the URL (`/audit?action=auth.&outcome=refused&since=24h`). */
export interface AuditFilters {
  /** An action or its prefix ("replay." for every replay action). */
  action: string;
  actor: string;
  /** Exact: a job id, a topic, a namespace or an API path. */
  target: string;
  outcome: AuditEntry["outcome"] | "";
  /** A preset ("1h", "24h", "7d", "30d") or an ISO instant; "" for any time. */
  since: string;
  limit: number;
}

export const auditOutcomes = ["ok", "refused", "failed"] as const satisfies ReadonlyArray<AuditEntry["outcome"]>;

/** Relative starts, resolved when the entries are fetched (so a shared "last 24 hours" link stays relative). */
export const sincePresets = {
  "1h": { label: "Last hour", ms: 3_600_000 },
  "24h": { label: "Last 24 hours", ms: 86_400_000 },
  "7d": { label: "Last 7 days", ms: 7 * 86_400_000 },
  "30d": { label: "Last 30 days", ms: 30 * 86_400_000 },
} as const;
export type SincePreset = keyof typeof sincePresets;

export const auditPageSizes = [50, 200, 1000] as const;
export const defaultAuditLimit = 200;
/** The most GET /api/audit returns at once (the server caps `limit` there). */
export const maxAuditLimit = 1000;

/** The server's rule for `action` (lib/schemas/audit.ts): dotted names (replay.create) or method and route (POST /api/kafka/topics), or a prefix of either. */
export const actionPattern = /^[A-Za-z0-9./ _\[\]-]*$/;

const isPreset = (value: string): value is SincePreset => Object.hasOwn(sincePresets, value);
const isInstant = (value: string) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));

/** The filters a URL asks for; anything the API would refuse is dropped rather than turned into an error page. */
export function auditFiltersFrom(params: URLSearchParams): AuditFilters {
  const action = params.get("action")?.trim() ?? "";
  const outcome = params.get("outcome") ?? "";
  const since = params.get("since")?.trim() ?? "";
  const limit = Number(params.get("limit"));
  return {
    action: actionPattern.test(action) ? action.slice(0, 200) : "",
    actor: params.get("actor")?.trim().slice(0, 64) ?? "",
    target: params.get("target")?.trim().slice(0, 300) ?? "",
    outcome: (auditOutcomes as readonly string[]).includes(outcome) ? (outcome as AuditFilters["outcome"]) : "",
    since: isPreset(since) || isInstant(since) ? since : "",
    limit: Number.isInteger(limit) && limit >= 1 && limit <= maxAuditLimit ? limit : defaultAuditLimit,
  };
}

/** The page's query string for `filters`, leaving out what is unset or the default. */
export function auditFiltersQuery(filters: AuditFilters): string {
  const query = new URLSearchParams();
  for (const key of ["action", "actor", "target", "outcome", "since"] as const) if (filters[key]) query.set(key, filters[key]);
  if (filters.limit !== defaultAuditLimit) query.set("limit", String(filters.limit));
  return query.toString();
}

/** `since` as the ISO instant the API takes: a preset counts back from `now`; undefined for any time. */
export function resolveSince(since: string, now: number): string | undefined {
  if (isPreset(since)) return new Date(now - sincePresets[since].ms).toISOString();
  return isInstant(since) ? new Date(since).toISOString() : undefined;
}

/** The GET /api/audit query for `filters` (with another `limit` for an export): only what is set. */
export function auditApiQuery(filters: AuditFilters, now: number, limit = filters.limit): Partial<z.input<typeof auditQuerySchema>> {
  return {
    action: filters.action || undefined,
    actor: filters.actor || undefined,
    target: filters.target || undefined,
    outcome: filters.outcome || undefined,
    since: resolveSince(filters.since, now),
    limit: String(Math.min(limit, maxAuditLimit)),
  };
}

/** Whether any filter narrows the list (the limit does not count). */
export const isFiltered = (filters: AuditFilters) => Boolean(filters.action || filters.actor || filters.target || filters.outcome || filters.since);
