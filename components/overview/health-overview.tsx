"use client";

import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useHealth } from "@/lib/queries/health";
import { backendLabels, backendNames } from "@/lib/backends";
import { BackendCard } from "./backend-card";
import { InlineError } from "@/components/ui/inline-error";
import { StaleMarker } from "@/components/ui/stale-marker";

export function HealthOverview() {
  const { data, error, isPending, isRefetchError, refetch, dataUpdatedAt } = useHealth();

  if (isPending) {
    return (
      <div className="grid gap-4 md:grid-cols-3" aria-busy="true" aria-label="Loading backend health">
        {backendNames.map((name) => (
          <Card key={name} className="space-y-3">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-3 w-40" />
            <Skeleton className="h-3 w-32" />
          </Card>
        ))}
      </div>
    );
  }

  if (!data) {
    return (
      <InlineError card retry={() => void refetch()} className="border-bad">
        Could not load backend health: {error?.message}
      </InlineError>
    );
  }

  return (
    <div className="space-y-3">
      <div className="grid gap-4 md:grid-cols-3">
        {backendNames.map((name) => (
          <BackendCard key={name} label={backendLabels[name]} health={data.backends[name]} />
        ))}
      </div>
      <p className="text-xs text-muted">
        <StaleMarker stale={isRefetchError} error={error} inline />
        {isRefetchError && " "}
        Checked {new Date(dataUpdatedAt).toLocaleTimeString()} · refreshes every 5 s
      </p>
    </div>
  );
}
