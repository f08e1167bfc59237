"use client";

import { ArrowRight, CircleCheck, History } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { NewReplayLink } from "@/components/replay/replay-jobs-list";
import { ProgressBar } from "@/components/replay/progress-bar";
import { ReplayStateBadge } from "@/components/replay/replay-state-badge";
import { healthDot, healthText, rateText, servicesUpText } from "@/components/system/health";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { formatCount, formatDuration } from "@/lib/format";
import { useReplayJobs } from "@/lib/queries/replay";
import { useSystemMap } from "@/lib/queries/system";
import { jobPercent, kindLabel, specTitle, timeAgo } from "@/lib/replay/describe";
import { finishedStates, type ReplayJob } from "@/lib/schemas/replay";
import type { Health, MapGroup, MapService, MapTopic } from "@/lib/schemas/system";
import { InlineError } from "@/components/ui/inline-error";

/** A titled card with a link to the full page: a skeleton while its query loads, the reason when it fails, else its content. */
function Panel({
  title,
  href,
  linkText,
  what,
  isPending,
  failure,
  children,
}: {
  title: string;
  href: string;
  linkText: string;
  what: string;
  isPending: boolean;
  failure: string | null;
  children: ReactNode;
}) {
  return (
    <Card aria-label={title} className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-3">
        <h2 className="text-sm font-semibold">{title}</h2>
        <Link href={href} className="inline-flex items-center gap-1 text-sm text-accent hover:underline">
          {linkText} <ArrowRight aria-hidden className="size-3.5" />
        </Link>
      </div>
      {isPending ? (
        <Loading what={what} />
      ) : failure !== null ? (
        <InlineError>
          Could not read {what}: {failure}
        </InlineError>
      ) : (
        children
      )}
    </Card>
  );
}

function Loading({ what }: { what: string }) {
  return (
    <div className="space-y-2" aria-busy="true" aria-label={`Loading ${what}`}>
      <Skeleton className="h-4 w-48" />
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-4 w-2/3" />
    </div>
  );
}

function Problem({ health, children }: { health: Health; children: ReactNode }) {
  return (
    <li className="flex items-start gap-2 text-sm">
      <span aria-hidden className={cn("mt-1.5 size-2.5 shrink-0 rounded-full", healthDot[health])} />
      <span className="min-w-0">{children}</span>
    </li>
  );
}

function serviceProblem(service: MapService): string {
  if (service.up === false) return "not answering Prometheus's scrape";
  if (service.errorRate) return `${service.errorRate.toFixed(2)} handler errors/s`;
  return healthText[service.health];
}

function groupProblem(group: MapGroup): string {
  const lag = `lag ${formatCount(group.totalLag)}`;
  const behind = group.lagSeconds ? `, ${formatDuration(group.lagSeconds)} behind` : "";
  // A group without members reads nothing, however small its lag is now.
  if (group.members === 0) return `stopped (no members), ${lag}${behind}`;
  return `${healthText[group.health]}: ${lag}${behind}`;
}

/** What needs a look in the event-driven system: services that are down or failing, consumer groups that fall behind. */
function SystemAttention() {
  const { data, error, isPending } = useSystemMap();
  return (
    <Panel
      title="Services and consumers"
      href="/system"
      linkText="System map"
      what="services and consumers"
      isPending={isPending}
      failure={data ? null : (error?.message ?? "no answer")}
    >
      {data && <SystemSummary services={data.services} groups={data.groups} topics={data.topics} warnings={data.warnings} />}
    </Panel>
  );
}

function SystemSummary({ services, groups, topics, warnings }: { services: MapService[]; groups: MapGroup[]; topics: MapTopic[]; warnings: string[] }) {
  const failing = services.filter((s) => s.health === "warning" || s.health === "critical");
  // The critical first, then the furthest behind.
  const behind = groups
    .filter((g) => g.health === "warning" || g.health === "critical")
    .sort((a, b) => Number(b.health === "critical") - Number(a.health === "critical") || (b.lagSeconds ?? 0) - (a.lagSeconds ?? 0));
  const rated = topics.filter((t) => t.rate !== null);
  const eventsPerSecond = rated.reduce((sum, t) => sum + (t.rate ?? 0), 0);
  return (
    <>
      <p className="text-sm text-muted">
        <span className="font-medium text-ink">{servicesUpText(services)}</span> · <span className="font-medium text-ink">{formatCount(groups.length)}</span>{" "}
        consumer groups, <span className={cn("font-medium", behind.length ? "text-bad" : "text-ink")}>{behind.length}</span> behind
        {rated.length > 0 && (
          <>
            {" "}
            ·{" "}
            {eventsPerSecond > 0 ? (
              <>
                <span className="font-medium text-ink">{rateText(eventsPerSecond)}</span> across {rated.length} topics
              </>
            ) : (
              <>
                <span className="font-medium text-ink">{rated.length}</span> topics idle
              </>
            )}
          </>
        )}
      </p>
      {failing.length === 0 && behind.length === 0 ? (
        // All clear only when everything answered: with Prometheus or Kafka silent, say what is known.
        warnings.length === 0 && services.filter((s) => s.declared).every((s) => s.up === true) ? (
          <p className="inline-flex items-center gap-1.5 text-sm text-ok">
            <CircleCheck aria-hidden className="size-4" /> Every service answers and every consumer group keeps up.
          </p>
        ) : (
          <p className="text-sm text-muted">Nothing failing or behind among what answered.</p>
        )
      ) : (
        <ul aria-label="Needs attention" className="space-y-1.5">
          {failing.map((service) => (
            <Problem key={`s:${service.name}`} health={service.health}>
              <span className="font-medium">{service.name}</span> <span className="text-muted">{serviceProblem(service)}</span>
            </Problem>
          ))}
          {behind.slice(0, 6).map((group) => (
            <Problem key={`g:${group.groupId}`} health={group.health}>
              <Link href={`/kafka/groups/${encodeURIComponent(group.groupId)}`} className="break-all font-mono text-accent hover:underline">
                {group.groupId}
              </Link>{" "}
              <span className="text-muted">{groupProblem(group)}</span>
            </Problem>
          ))}
          {behind.length > 6 && <li className="text-xs text-muted">and {behind.length - 6} more on the system map</li>}
        </ul>
      )}
      {warnings.length > 0 && <p className="text-xs text-muted">Drawn from what answered: {warnings.join("; ")}</p>}
    </>
  );
}

function JobLine({ job }: { job: ReplayJob }) {
  const percent = jobPercent(job);
  const active = !finishedStates.has(job.state);
  return (
    <li className="space-y-1">
      <div className="flex items-center justify-between gap-2 text-sm">
        <Link href={`/replay/${encodeURIComponent(job.id)}`} className="min-w-0 truncate text-accent hover:underline">
          <span className="text-muted">{kindLabel(job.kind)} · </span>
          <span className="font-mono">{specTitle(job.spec)}</span>
        </Link>
        <span className="flex shrink-0 items-center gap-2 text-xs text-muted">
          {timeAgo(job.createdAt)} <ReplayStateBadge state={job.state} />
        </span>
      </div>
      {active && <ProgressBar percent={percent} label={`Progress of ${job.id}`} />}
      {job.state === "failed" && job.error && (
        <p className="truncate text-xs text-bad" title={job.error}>
          {job.error}
        </p>
      )}
    </li>
  );
}

/** Replays under way first, then the latest ones. */
function ReplayAttention() {
  const { data, error, isPending } = useReplayJobs({});
  const jobs = data?.jobs ?? [];
  const active = jobs.filter((j) => !finishedStates.has(j.state));
  const latest = jobs.filter((j) => !active.includes(j)).slice(0, Math.max(0, 4 - active.length));
  return (
    <Panel title="Replays" href="/replay" linkText="All jobs" what="replay jobs" isPending={isPending} failure={data ? null : (error?.message ?? "no answer")}>
      {jobs.length === 0 ? (
        <div className="flex flex-col items-start gap-2 text-sm text-muted">
          <p className="inline-flex items-center gap-1.5">
            <History aria-hidden className="size-4" /> No replays yet. Every replay starts with a dry run; nothing is written until you confirm.
          </p>
          <NewReplayLink />
        </div>
      ) : (
        <>
          <p className="text-sm text-muted">
            {active.length ? (
              <>
                <span className="font-medium text-ink">{active.length}</span> under way
              </>
            ) : (
              "None under way; the latest:"
            )}
          </p>
          <ul aria-label="Latest replays" className="space-y-2.5">
            {[...active.slice(0, 4), ...latest].map((job) => (
              <JobLine key={job.id} job={job} />
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}

/** The overview's second row: what in the system and its replays wants a look this morning. */
export function Attention() {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <SystemAttention />
      <ReplayAttention />
    </div>
  );
}
