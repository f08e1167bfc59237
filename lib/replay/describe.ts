import type { RebuildSpec, ReplayJob, ReplayRange, ReplaySpec, ReplayStep, ReprocessSpec } from "@/lib/schemas/replay";

/** "every partition" or "partitions 0, 2". */
export function partitionsText(partitions: number[]): string {
  if (partitions.length === 0) return "every partition";
  return `${partitions.length === 1 ? "partition" : "partitions"} ${partitions.join(", ")}`;
}

/** A re-publish range in words; offset ends are exclusive. */
export function rangeText(range: ReplayRange): string {
  if (range.kind === "all") return "everything retained";
  if (range.kind === "offsets") {
    if (range.from && range.to) return `offsets ${range.from} to ${range.to} (end excluded)`;
    if (range.from) return `from offset ${range.from} to the end`;
    if (range.to) return `from the beginning to offset ${range.to} (excluded)`;
    return "everything retained";
  }
  if (range.from && range.to) return `written from ${formatInstant(range.from)} until ${formatInstant(range.to)}`;
  if (range.from) return `written since ${formatInstant(range.from)}`;
  if (range.to) return `written before ${formatInstant(range.to)}`;
  return "everything retained";
}

/** Where a reprocess rewinds the group to, in words. */
export function rewindText(to: ReprocessSpec["to"]): string {
  switch (to.kind) {
    case "earliest":
      return "the earliest retained offset";
    case "timestamp":
      return `the first event at or after ${formatInstant(to.timestamp)}`;
    case "offset":
      return `offset ${to.offset}`;
    case "shift":
      return `${Math.abs(to.by).toLocaleString("en-US")} events back`;
    default:
      return "a later offset";
  }
}

/** "shadow" or "in place", as a rebuild's mode is written in titles. */
export const rebuildModeText = (mode: RebuildSpec["mode"]): string => (mode === "in-place" ? "in place" : mode);

/** A job's one-line name: "orders → orders-replayed", "group billing" or "orders/customers (shadow)". */
export function specTitle(spec: ReplaySpec): string {
  if (spec.kind === "reprocess") return `group ${spec.groupId}${spec.topic ? ` on ${spec.topic}` : ""}`;
  if (spec.kind === "republish") return `${spec.source.topic} → ${spec.target.topic}`;
  if (spec.kind === "rebuild") return `${spec.service}/${spec.projection} (${rebuildModeText(spec.mode)})`;
  // A kind added to the schema after this page: its name, until it gets its own title.
  return (spec as { kind: string }).kind;
}

const kindLabels: Partial<Record<string, string>> = { republish: "Re-publish", reprocess: "Reprocess", rebuild: "Rebuild" };

/** "Re-publish", "Reprocess"; a kind this page does not know yet by its own name. */
export const kindLabel = (kind: ReplaySpec["kind"]): string => kindLabels[kind] ?? kind;

/**
 * How far a job is, 0–100; a finished job with nothing to do counts as done. A job with steps
 * (a rebuild) counts its steps: its events are all read long before it has compared and swapped.
 */
export function jobPercent(job: Pick<ReplayJob, "state" | "progress">): number {
  const { done, total, steps } = job.progress;
  if (job.state === "completed") return 100;
  if (steps && steps.length > 0) return Math.floor((steps.filter((s) => s.state === "done").length / steps.length) * 100);
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

/** Where a job with steps is: "step 3 of 5: Compare with the live read model", "failed at step 2: Catch up", "all 5 steps done". */
export function stepsText(steps: ReplayStep[]): string {
  const failed = steps.findIndex((s) => s.state === "failed");
  if (failed >= 0) return `failed at step ${failed + 1}: ${steps[failed]!.name}`;
  const next = steps.findIndex((s) => s.state !== "done");
  if (next < 0) return `all ${steps.length} steps done`;
  return `step ${next + 1} of ${steps.length}: ${steps[next]!.name}`;
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago" — with the exact time in a title beside it. */
export function timeAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return "—";
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** An ISO instant as people read it in a table: "2024-05-01 12:00:03 UTC". */
export function formatInstant(iso: string | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 19).replace("T", " ") + " UTC";
}
