import { cn } from "@/lib/cn";
import type { ReplayJobState } from "@/lib/schemas/replay";

const dots: Record<ReplayJobState, string> = {
  queued: "bg-muted",
  running: "bg-accent animate-pulse",
  paused: "bg-amber-500",
  completed: "bg-ok",
  cancelled: "bg-muted",
  failed: "bg-bad",
};

/** A job's state: the dot carries the colour, the text stays at full contrast. */
export function ReplayStateBadge({ state, className }: { state: ReplayJobState; className?: string }) {
  return (
    <span
      className={cn("inline-flex items-center gap-1.5 rounded-full border border-line px-2 py-0.5 text-xs font-medium", className)}
      data-testid="replay-state"
    >
      <span aria-hidden className={cn("size-2 rounded-full", dots[state])} />
      {state}
    </span>
  );
}
