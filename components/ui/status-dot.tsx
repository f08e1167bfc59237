import { cn } from "@/lib/cn";

export type Status = "up" | "down" | "unknown";

const colors: Record<Status, string> = {
  up: "bg-ok",
  down: "bg-bad",
  unknown: "bg-muted",
};

/** A colored dot with a text label for screen readers (color alone never carries the status). */
export function StatusDot({ status, label }: { status: Status; label: string }) {
  return (
    <span className="inline-flex items-center gap-1.5" title={`${label}: ${status}`}>
      <span aria-hidden className={cn("size-2.5 rounded-full", colors[status])} />
      <span className="sr-only">
        {label}: {status}
      </span>
    </span>
  );
}
