"use client";

// The job page's progress parts: the bar with its rate and clock, the steps, and each partition's progress.

import { Activity, Circle, CircleCheck, CircleX, LoaderCircle } from "lucide-react";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { numericCell, SimpleTable } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatCount, formatDuration } from "@/lib/format";
import { type ReplayStreamStatus } from "@/lib/queries/replay";
import { formatInstant, jobPercent, stepsText } from "@/lib/replay/describe";
import { compareVerdict } from "@/lib/replay/rebuild";
import { finishedStates, type PartitionProgress, type ReplayJob, type ReplayStep } from "@/lib/schemas/replay";
import { ProgressBar } from "./progress-bar";

const streamLabels: Record<ReplayStreamStatus, string> = {
  connecting: "Connecting to live updates…",
  live: "Live",
  ended: "",
  unavailable: "Live updates unavailable: refreshing every 5 s",
};

function partitionPercent(p: PartitionProgress): number {
  const span = Number(BigInt(p.to) - BigInt(p.from));
  if (span <= 0) return 100;
  return (Number(BigInt(p.position) - BigInt(p.from)) / span) * 100;
}

function toneOf(job: ReplayJob): "accent" | "ok" | "bad" | "muted" {
  if (job.state === "completed") return "ok";
  if (job.state === "failed") return "bad";
  return finishedStates.has(job.state) || job.state === "paused" ? "muted" : "accent";
}

/** Seconds from the start to the end (or to the last progress report while it runs). */
function elapsedSeconds(job: ReplayJob): number | null {
  if (!job.startedAt) return null;
  const end = job.finishedAt ? Date.parse(job.finishedAt) : Date.parse(job.progress.updatedAt);
  return Math.max(0, (end - Date.parse(job.startedAt)) / 1000);
}

/** The time of day of an instant, with the whole date in a tooltip (the header says the day). */
function Clock({ iso }: { iso: string | null }) {
  if (!iso) return <>—</>;
  return (
    <time dateTime={iso} title={formatInstant(iso)}>
      {formatInstant(iso).slice(11, 19)}
    </time>
  );
}

function rateText(job: ReplayJob): string {
  if (job.state === "running") return `${formatCount(Math.round(job.progress.ratePerSecond))}/s`;
  const seconds = elapsedSeconds(job);
  // Once finished: the average over the whole run.
  return job.finishedAt && seconds && job.progress.done > 0 ? `${formatCount(Math.round(job.progress.done / Math.max(seconds, 0.001)))}/s avg` : "—";
}

export function Progress({ job, stream }: { job: ReplayJob; stream: ReplayStreamStatus }) {
  const percent = jobPercent(job);
  const running = job.state === "running";
  const steps = job.progress.steps ?? [];
  return (
    <Card className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-sm font-semibold">Progress</h2>
        {streamLabels[stream] && !finishedStates.has(job.state) && (
          <span className="inline-flex items-center gap-1.5 text-xs text-muted" role="status">
            {stream === "live" && <Activity aria-hidden className="size-3.5 text-ok" />}
            {streamLabels[stream]}
          </span>
        )}
      </div>
      <div className="space-y-1.5">
        <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
          {steps.length > 0 ? (
            // A rebuild: where it is among its steps; its events are counted below.
            <p data-testid="replay-done" className="first-letter:uppercase">
              <span className="text-base font-semibold">{stepsText(steps)}</span>
            </p>
          ) : (
            <p data-testid="replay-done">
              <span className="font-mono text-lg font-semibold tabular-nums">{job.progress.done.toLocaleString("en-US")}</span>
              <span className="text-muted"> of </span>
              <span className="font-mono tabular-nums">{job.progress.total.toLocaleString("en-US")}</span>{" "}
              <span className="text-muted">{job.kind === "republish" ? "events written" : "events read again"}</span>
            </p>
          )}
          <p className="font-mono text-lg font-semibold tabular-nums" data-testid="replay-percent">
            {percent} %
          </p>
        </div>
        <ProgressBar percent={percent} label="Overall progress" tone={toneOf(job)} className="h-3" />
      </div>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
        {steps.length > 0 ? (
          <>
            <Stat label="Events read" value={`${formatCount(job.progress.done)} / ${formatCount(job.progress.total)}`} testId="replay-events" />
            <Stat label="Steps done" value={`${steps.filter((step) => step.state === "done").length} / ${steps.length}`} />
            <Stat label="Rate" value={rateText(job)} />
          </>
        ) : (
          <>
            <Stat label="Rate" value={rateText(job)} />
            <Stat label="Time left" value={running ? formatDuration(job.progress.etaSeconds) : "—"} />
            <Stat
              label={job.kind === "republish" ? "Scanned" : "Partitions"}
              value={job.kind === "republish" ? formatCount(job.progress.scanned) : job.progress.partitions.length}
            />
          </>
        )}
        <Stat label="Started (UTC)" value={<Clock iso={job.startedAt} />} />
        <Stat label="Finished (UTC)" value={<Clock iso={job.finishedAt} />} />
        <Stat label={job.finishedAt ? "Took" : "Running for"} value={formatDuration(elapsedSeconds(job))} />
      </dl>
    </Card>
  );
}

const stepIcons: Record<ReplayStep["state"], { icon: typeof Circle; className: string }> = {
  pending: { icon: Circle, className: "text-muted" },
  running: { icon: LoaderCircle, className: "animate-spin text-accent" },
  done: { icon: CircleCheck, className: "text-ok" },
  failed: { icon: CircleX, className: "text-bad" },
};

/** A step's detail; a comparison's verdict (identical / different) stands out from the counts and hashes after it. */
function StepDetail({ detail }: { detail: string }) {
  const verdict = compareVerdict(detail);
  if (!verdict) return <p className="break-words text-muted">{detail}</p>;
  return (
    <p className="break-words text-muted" data-verdict={verdict.verdict}>
      <strong className={verdict.verdict === "identical" ? "text-ok" : "text-amber-700 dark:text-amber-300"}>{verdict.label}</strong>
      {verdict.rest}
    </p>
  );
}

/** The recorded steps of a job that has them (projection rebuilds): each with its state and what it found. */
export function Steps({ steps }: { steps: ReplayStep[] }) {
  return (
    <Card className="p-0" aria-labelledby="replay-steps-heading">
      <h2 id="replay-steps-heading" className="px-3 pt-3 text-sm font-semibold">
        Steps
      </h2>
      <ol className="mt-2 text-sm">
        {steps.map((step, i) => {
          const { icon: Icon, className } = stepIcons[step.state];
          return (
            <li key={step.name} className="flex gap-2.5 border-t border-line px-3 py-2" data-testid="replay-step" data-state={step.state}>
              <Icon aria-hidden className={cn("mt-0.5 size-4 shrink-0", className)} />
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <span className={cn("font-medium", step.state === "pending" && "text-muted")}>
                    <span className="font-mono text-xs text-muted">{i + 1}.</span> {step.name}
                  </span>
                  <span className={cn("text-xs", step.state === "failed" ? "font-medium text-bad" : "text-muted")}>{step.state}</span>
                </p>
                {step.detail && <StepDetail detail={step.detail} />}
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

export function PartitionsProgress({ job }: { job: ReplayJob }) {
  const partitions = job.progress.partitions;
  // One topic is named in the summary beside; several need a column.
  const withTopics = new Set(partitions.map((p) => p.topic)).size > 1;
  return (
    <Card className="p-0">
      <h2 className="px-3 pt-3 text-sm font-semibold">Per partition</h2>
      {partitions.length === 0 ? (
        <p className="px-3 pb-3 pt-1 text-sm text-muted">{job.state === "queued" ? "Not started yet." : "No partition to read."}</p>
      ) : (
        <SimpleTable
          className="mt-2"
          columns={[
            ...(withTopics ? [{ label: "Topic" }] : []),
            { label: "Partition", numeric: true },
            { label: "From", numeric: true },
            { label: "To (excl.)", numeric: true },
            { label: "Position", numeric: true },
            { label: job.kind === "republish" ? "Copied" : "Read again", numeric: true },
            { label: "Progress" },
          ]}
        >
          {partitions.map((p) => {
            const percent = partitionPercent(p);
            return (
              <tr key={`${p.topic ?? ""}/${p.partition}`} className="border-t border-line" data-testid="replay-partition-row">
                {withTopics && <td className="whitespace-nowrap px-3 py-1.5 font-mono">{p.topic}</td>}
                <td className={numericCell}>{p.partition}</td>
                <td className={numericCell}>{p.from}</td>
                <td className={numericCell}>{p.to}</td>
                <td className={numericCell}>{p.position}</td>
                <td className={numericCell}>{formatCount(p.copied)}</td>
                <td className="w-1/4 px-3 py-1.5">
                  <div className="flex items-center gap-2">
                    <ProgressBar
                      percent={percent}
                      label={`Partition ${p.topic ? `${p.topic}/` : ""}${p.partition}`}
                      tone={percent >= 100 ? "ok" : toneOf(job)}
                      className="flex-1"
                    />
                    <span className="w-10 text-right font-mono text-xs tabular-nums text-muted">{Math.floor(percent)} %</span>
                  </div>
                </td>
              </tr>
            );
          })}
        </SimpleTable>
      )}
    </Card>
  );
}

/** One replay job: live progress over SSE, per-partition positions, its spec, actions and audit trail. */
