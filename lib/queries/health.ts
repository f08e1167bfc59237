import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiCall } from "@/lib/api/client";

export const pollIntervals = { health: 5_000 } as const;

export const healthKeys = {
  all: ["health"] as const,
};

export const healthOptions = queryOptions({
  queryKey: healthKeys.all,
  queryFn: () => apiCall("GET /api/health"),
  refetchInterval: pollIntervals.health,
});

export function useHealth() {
  return useQuery(healthOptions);
}
