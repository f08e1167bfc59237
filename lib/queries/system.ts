import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiCall } from "@/lib/api/client";
import type { TraceQuery } from "@/lib/schemas/system";

/** The map refreshes every 5 s (rates and lag move); the catalog samples topics and is cached 30 s by the server. */
export const systemPollIntervals = { map: 5_000, catalog: 60_000, checks: 3_000, runningCheck: 1_000 } as const;

export const systemKeys = {
  all: ["system"] as const,
  map: () => [...systemKeys.all, "map"] as const,
  catalog: () => [...systemKeys.all, "catalog"] as const,
  trace: (query: TraceQuery) => [...systemKeys.all, "trace", query] as const,
  checks: () => [...systemKeys.all, "checks"] as const,
  check: (id: string) => [...systemKeys.all, "checks", id] as const,
};

export function useSystemMap() {
  return useQuery({ queryKey: systemKeys.map(), queryFn: () => apiCall("GET /api/system/map"), refetchInterval: systemPollIntervals.map });
}

export function useSystemCatalog() {
  return useQuery({
    queryKey: systemKeys.catalog(),
    queryFn: () => apiCall("GET /api/system/catalog"),
    refetchInterval: systemPollIntervals.catalog,
  });
}

/** A trace is read once per query (it scans Kafka); the page's refresh button reads it again. */
export function useEntityTrace(query: TraceQuery | null) {
  return useQuery({
    queryKey: systemKeys.trace(query ?? {}),
    // Empty fields are left out of the URL, as unset ones are.
    queryFn: () =>
      apiCall("GET /api/system/trace", { query: { id: query?.id || undefined, entity: query?.entity || undefined, traceId: query?.traceId || undefined } }),
    enabled: query !== null,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

export function useConsistencyChecks() {
  return useQuery({
    queryKey: systemKeys.checks(),
    queryFn: () => apiCall("GET /api/system/consistency"),
    refetchInterval: systemPollIntervals.checks,
  });
}

export function useConsistencyCheck(id: string) {
  return useQuery({
    queryKey: systemKeys.check(id),
    queryFn: () => apiCall("GET /api/system/consistency/[id]", { params: { id } }),
    refetchInterval: (query) => (query.state.data?.check.state === "running" ? systemPollIntervals.runningCheck : false),
  });
}

export function useStartConsistencyCheck() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (copy: string) => apiCall("POST /api/system/consistency", { body: { copy } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: systemKeys.checks() }),
  });
}
