import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { auditApiQuery, maxAuditLimit, type AuditFilters } from "@/lib/audit/filters";
import { apiCall } from "@/lib/api/client";

/** New sign-ins and changes show up within 10 s while the page is open. */
export const auditPollIntervals = { log: 10_000 } as const;

export const auditKeys = {
  all: ["audit"] as const,
  // The raw filters (a preset such as "24h", not the instant it resolves to) keep the key stable between polls.
  list: (filters: AuditFilters) => [...auditKeys.all, "list", filters] as const,
};

/** GET /api/audit with the page's filters: entries newest first, at most `filters.limit`. */
export function fetchAuditEntries(filters: AuditFilters, limit = filters.limit) {
  return apiCall("GET /api/audit", { query: auditApiQuery(filters, Date.now(), limit) });
}

export const auditOptions = (filters: AuditFilters) =>
  queryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: () => fetchAuditEntries(filters),
    refetchInterval: auditPollIntervals.log,
    placeholderData: keepPreviousData,
  });

export const useAuditEntries = (filters: AuditFilters) => useQuery(auditOptions(filters));

/** Every entry the filters match, up to the server's cap (1000), for an export; one request. */
export const fetchAuditExport = (filters: AuditFilters) => fetchAuditEntries(filters, maxAuditLimit);
