import { cn } from "@/lib/cn";

/** A horizontal bar for 0–100 %, labelled for screen readers. */
export function ProgressBar({
  percent,
  label,
  tone = "accent",
  className,
}: {
  percent: number;
  label: string;
  tone?: "accent" | "ok" | "bad" | "muted";
  className?: string;
}) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={`${value} %`}
      className={cn("h-2 overflow-hidden rounded-full bg-line", className)}
    >
      <div
        className={cn("h-full transition-[width] duration-300", { accent: "bg-accent", ok: "bg-ok", bad: "bg-bad", muted: "bg-muted" }[tone])}
        style={{ width: `${value}%` }}
      />
    </div>
  );
}
