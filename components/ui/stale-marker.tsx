import { cn } from "@/lib/cn";

/**
 * Says that the data on screen is older than it looks: the last poll failed (with the backend's reason)
 * while the previous answer is still shown. Renders nothing while polling works.
 */
export function StaleMarker({
  stale,
  error,
  lead = "Stale",
  inline,
  className,
}: {
  /** Usually a query's `isRefetchError`. */
  stale: boolean;
  error: Error | null | undefined;
  /** The words before the reason. */
  lead?: string;
  /** A span inside a line of text instead of a paragraph of its own. */
  inline?: boolean;
  className?: string;
}) {
  if (!stale) return null;
  const text = `${lead}: the last refresh failed (${error?.message ?? "no answer"}).`;
  return inline ? (
    <span role="status" data-stale className={cn("text-bad", className)}>
      {text}
    </span>
  ) : (
    <p role="status" data-stale className={cn("text-xs text-bad", className)}>
      {text}
    </p>
  );
}
