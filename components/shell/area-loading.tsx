import { LoadingCard } from "@/components/ui/query-state";
import { Skeleton } from "@/components/ui/skeleton";

/** What an area's loading.tsx shows while its page renders: a title line, a description line, a table's rows. */
export function AreaLoading({ area }: { area: string }) {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div className="space-y-2">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <LoadingCard what={area} />
    </div>
  );
}
