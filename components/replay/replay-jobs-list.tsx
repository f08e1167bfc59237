"use client";

import { FlaskConical, History, Plus } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useCan } from "@/components/auth/session";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatCount } from "@/lib/format";
import { useReplayJobs } from "@/lib/queries/replay";
import { formatInstant, jobPercent, kindLabel, specTitle, stepsText, timeAgo } from "@/lib/replay/describe";
import { finishedStates, replayJobStates, type ReplayJob, type ReplayJobState } from "@/lib/schemas/replay";
import { ProgressBar } from "./progress-bar";
import { ReplayStateBadge } from "./replay-state-badge";
import { StaleMarker } from "@/components/ui/stale-marker";

export const linkButton = "inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium";

export function NewReplayLink({ className }: { className?: string }) {
  // Below operator the form only runs dry runs (POST /api/replay/plan is open to viewers).
  const canStart = useCan("operator");
  return (
    <Link href="/replay/new" className={cn(linkButton, "bg-accent text-white hover:opacity-90", className)}>
      {canStart ? <Plus aria-hidden className="size-4" /> : <FlaskConical aria-hidden className="size-4" />} {canStart ? "New replay" : "Dry run a replay"}
    </Link>
  );
}

function StateFilter({ current }: { current: ReplayJobState | undefined }) {
  const options: Array<{ label: string; state?: ReplayJobState }> = [{ label: "All" }, ...replayJobStates.map((state) => ({ label: state, state }))];
  return (
    <nav aria-label="Filter jobs by state" className="flex flex-wrap gap-1 text-sm">
      {options.map(({ label, state }) => (
        <Link
          key={label}
          href={state ? `/replay?state=${state}` : "/replay"}
          scroll={false}
          aria-current={state === current ? "page" : undefined}
          className={cn(
            "rounded-md border px-2.5 py-1 capitalize",
            state === current ? "border-accent bg-surface font-medium text-ink" : "border-transparent text-muted hover:border-line hover:text-ink",
          )}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}

function EmptyState({ state }: { state: ReplayJobState | undefined }) {
  if (state) {
    return (
      <Card className="space-y-2 text-sm">
        <p>No {state} replay jobs.</p>
        <Link href="/replay" className="text-accent hover:underline">
          Show every job
        </Link>
      </Card>
    );
  }
  return (
    <Card className="flex flex-col items-start gap-3 p-6">
      <History aria-hidden className="size-6 text-muted" />
      <h2 className="text-base font-semibold">No replays yet</h2>
      <div className="max-w-2xl space-y-2 text-sm text-muted">
        <p>
          A replay sends events through the system again. <strong className="text-ink">Re-publish</strong> copies events from a topic — a range of offsets or
          time, optionally filtered — to the same or another topic, exactly once, each marked with <code className="font-mono">x-replay-job</code> and{" "}
          <code className="font-mono">x-replay-source</code> headers. <strong className="text-ink">Reprocess</strong> rewinds a stopped consumer group so it
          reads events again. <strong className="text-ink">Rebuild</strong> has a service build one of its read models again from its topic, beside the live one
          (then swapped in) or in place.
        </p>
        <p>Every replay starts with a dry run that shows what would be read and written; nothing is written until you confirm.</p>
      </div>
      <NewReplayLink />
    </Card>
  );
}

function JobRow({ job }: { job: ReplayJob }) {
  const percent = jobPercent(job);
  const running = job.state === "running";
  const steps = job.progress.steps ?? [];
  return (
    <tr className="border-t border-line align-middle hover:bg-canvas" data-testid="replay-job-row">
      <td className={textCell}>
        <Link href={`/replay/${encodeURIComponent(job.id)}`} className="font-medium text-accent hover:underline">
          <span className="text-muted">{kindLabel(job.kind)} · </span>
          <span className="font-mono">{specTitle(job.spec)}</span>
        </Link>
        <div className="font-mono text-xs text-muted">{job.id}</div>
      </td>
      <td className={textCell}>
        <ReplayStateBadge state={job.state} />
      </td>
      <td className={cn(textCell, "w-56")}>
        <ProgressBar
          percent={percent}
          label={`Progress of ${job.id}`}
          tone={job.state === "failed" ? "bad" : job.state === "completed" ? "ok" : finishedStates.has(job.state) ? "muted" : "accent"}
        />
        <div className="mt-1 flex justify-between font-mono text-xs tabular-nums text-muted">
          {steps.length > 0 ? (
            <span title={stepsText(steps)}>
              {steps.filter((step) => step.state === "done").length} / {steps.length} steps
            </span>
          ) : (
            <span>
              {formatCount(job.progress.done)} / {formatCount(job.progress.total)}
            </span>
          )}
          <span>{percent} %</span>
        </div>
      </td>
      <td className={numericCell}>{running ? `${formatCount(Math.round(job.progress.ratePerSecond))}/s` : <span className="text-muted">—</span>}</td>
      <td className={`${textCell} font-mono text-xs`}>{job.createdBy}</td>
      <td className={`${textCell} whitespace-nowrap text-xs`} title={formatInstant(job.createdAt)}>
        {timeAgo(job.createdAt)}
      </td>
    </tr>
  );
}

/** Replay jobs, newest first, refreshed every 3 s; the state filter lives in the URL (`?state=`). */
export function ReplayJobsList() {
  const params = useSearchParams();
  const raw = params.get("state");
  const state = replayJobStates.includes(raw as ReplayJobState) ? (raw as ReplayJobState) : undefined;
  const { data, error, isPending, refetch, isRefetchError } = useReplayJobs({ state });
  return (
    <div className="space-y-3">
      <StateFilter current={state} />
      <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what="replay jobs">
        {data &&
          (data.jobs.length === 0 ? (
            <EmptyState state={state} />
          ) : (
            <Card className="overflow-x-auto p-0">
              <StaleMarker stale={isRefetchError} error={error} className="px-3 pt-2" />
              <SimpleTable
                className="mt-1"
                columns={[{ label: "Job" }, { label: "State" }, { label: "Progress" }, { label: "Rate", numeric: true }, { label: "By" }, { label: "Created" }]}
              >
                {data.jobs.map((job) => (
                  <JobRow key={job.id} job={job} />
                ))}
              </SimpleTable>
            </Card>
          ))}
      </QueryState>
    </div>
  );
}
