import { RefreshCw } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "./button";
import { Card } from "./card";
import { Skeleton } from "./skeleton";

/** Loading skeleton, or an inline error with the backend's reason and a retry, or the content. */
export function QueryState({
  isPending,
  error,
  retry,
  what,
  children,
}: {
  isPending: boolean;
  error: Error | null;
  retry: () => void;
  what: string;
  children: ReactNode;
}) {
  if (isPending) {
    return (
      <Card className="space-y-2" aria-busy="true" aria-label={`Loading ${what}`}>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </Card>
    );
  }
  if (error) {
    return (
      <Card role="alert" className="flex items-center justify-between gap-4">
        <p className="text-sm text-bad">
          Could not load {what}: {error.message}
        </p>
        <Button onClick={retry}>
          <RefreshCw aria-hidden className="size-4" /> Retry
        </Button>
      </Card>
    );
  }
  return <>{children}</>;
}
