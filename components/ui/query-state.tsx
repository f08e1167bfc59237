import type { ReactNode } from "react";
import { Card } from "./card";
import { InlineError } from "./inline-error";
import { Skeleton } from "./skeleton";

/** Rows of skeleton lines in a card, standing in for a list or a table while it loads. */
export function LoadingCard({ what, rows = 6 }: { what: string; rows?: number }) {
  return (
    <Card className="space-y-2" aria-busy="true" aria-label={`Loading ${what}`}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-5 w-full" />
      ))}
    </Card>
  );
}

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
  if (isPending) return <LoadingCard what={what} />;
  if (error) {
    return (
      <InlineError card retry={retry}>
        Could not load {what}: {error.message}
      </InlineError>
    );
  }
  return <>{children}</>;
}
