import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiCall } from "@/lib/api/client";

export const settingsKeys = {
  all: ["settings"] as const,
};

/** The console's effective configuration (admins only); it changes only with a restart, so it is not polled. */
export const settingsOptions = queryOptions({
  queryKey: settingsKeys.all,
  queryFn: () => apiCall("GET /api/settings"),
});

export const useSettings = () => useQuery(settingsOptions);
