"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { cn } from "@/lib/cn";
import { replayKeys, useProjections, useReplayJob, useReplayJobEvents } from "@/lib/queries/replay";
import { formatInstant, kindLabel, specTitle } from "@/lib/replay/describe";
import { finishedStates } from "@/lib/schemas/replay";
import { ReplayAuditTable } from "./replay-audit-table";
import { ReplayJobActions } from "./replay-job-actions";
import { ReplaySpecSummary } from "./replay-spec-summary";
import { ReplayStateBadge } from "./replay-state-badge";
import { StaleMarker } from "@/components/ui/stale-marker";

import { PartitionsProgress, Progress, Steps } from "./replay-job-progress";

export function ReplayJobView({ id }: { id: string }) {
  const { data, error, isPending, refetch, isRefetchError } = useReplayJob(id);
  const job = data?.job;
  const stream = useReplayJobEvents(id, !!job && !finishedStates.has(job.state));
  const rebuild = job?.spec.kind === "rebuild" ? job.spec : null;
  // A rebuild's read model as its service reports it now (a shadow build swapped in has a new collection).
  const projections = useProjections(!!rebuild);
  const projection = rebuild ? projections.data?.projections.find((p) => p.service === rebuild.service && p.name === rebuild.projection) : undefined;
  const queryClient = useQueryClient();
  const finished = !!job && finishedStates.has(job.state);
  const isRebuild = !!rebuild;
  useEffect(() => {
    if (isRebuild && finished) void queryClient.invalidateQueries({ queryKey: replayKeys.projections() });
  }, [isRebuild, finished, queryClient]);
  return (
    <div className="space-y-4">
      <BreadcrumbHeader
        trail={[
          { label: "Replay", href: "/replay" },
          { label: id, mono: true },
        ]}
        title={
          job ? (
            <span className="flex flex-wrap items-center gap-2">
              <span>
                {kindLabel(job.kind)} · <span className="font-mono">{specTitle(job.spec)}</span>
              </span>
              <ReplayStateBadge state={job.state} className="text-sm" />
            </span>
          ) : (
            <span className="font-mono">{id}</span>
          )
        }
        description={job ? `Created by ${job.createdBy} on ${formatInstant(job.createdAt)}` : undefined}
        actions={job && <ReplayJobActions job={job} />}
      />
      <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what={`replay job ${id}`}>
        {job && data && (
          <>
            <StaleMarker stale={isRefetchError} error={error} />
            {job.error && (
              <div
                role="alert"
                className={cn(
                  "rounded-lg border p-3 text-sm",
                  job.state === "failed"
                    ? "border-bad/50 bg-surface"
                    : "border-amber-500/60 bg-amber-50 text-amber-950 dark:bg-amber-950/40 dark:text-amber-100",
                )}
              >
                <strong className={job.state === "failed" ? "text-bad" : undefined}>{job.state === "failed" ? "Failed: " : "Last error (retried): "}</strong>
                {job.error}
              </div>
            )}
            <Progress job={job} stream={stream} />
            {job.spec.kind === "reprocess" && (
              <Card className="flex flex-wrap items-center justify-between gap-3 text-sm">
                <p className="text-muted">The group&apos;s lag jumps by the events it reads again, then falls as its consumers catch up.</p>
                <Link href={`/kafka/groups/${encodeURIComponent(job.spec.groupId)}`} className="font-medium text-accent hover:underline">
                  Watch the lag of {job.spec.groupId} →
                </Link>
              </Card>
            )}
            <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
              {job.progress.steps && job.progress.steps.length > 0 ? <Steps steps={job.progress.steps} /> : <PartitionsProgress job={job} />}
              <Card className="p-0" aria-labelledby="replay-summary-heading">
                <h2 id="replay-summary-heading" className="px-3 pt-3 text-sm font-semibold">
                  What it does
                </h2>
                <div className="pb-2 pt-1">
                  <ReplaySpecSummary job={job} projection={projection} />
                </div>
              </Card>
            </div>
            <Card className="p-0">
              <h2 className="px-3 pt-3 text-sm font-semibold">Audit</h2>
              {data.audit.length === 0 ? (
                <p className="px-3 pb-3 pt-1 text-sm text-muted">No audit record yet.</p>
              ) : (
                <div className="mt-2 overflow-x-auto">
                  <ReplayAuditTable entries={data.audit} />
                </div>
              )}
            </Card>
          </>
        )}
      </QueryState>
    </div>
  );
}
