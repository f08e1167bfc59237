import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { HealthReport } from "@/lib/schemas/health";

export const pollIntervals = { health: 5_000 } as const;

export const healthKeys = {
  all: ["health"] as const,
};

export const healthOptions = queryOptions({
  queryKey: healthKeys.all,
  queryFn: () => fetchJson<HealthReport>("/api/health"),
  refetchInterval: pollIntervals.health,
});

export function useHealth() {
  return useQuery(healthOptions);
}
