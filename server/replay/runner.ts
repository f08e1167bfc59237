import "server-only";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { PartitionProgress, RebuildSpec, ReplayProgress, ReplayStep, ReprocessSpec, RepublishSpec } from "@/lib/schemas/replay";
import { writeAudit } from "../audit/audit";
import { getLogger } from "../log";
import { withReplayAdmin } from "./kafka";
import { abandonShadow, runRebuild } from "./rebuild";
import { runReprocess } from "./reprocess";
import { runRepublish, type RepublishProgress } from "./republish";
import { claimJob, jobsCollection, leaseMs, releaseJob, renewLease, type JobDocument } from "./store";
import { FencedError } from "./transactions";

const pollMs = 1_000;
const heartbeatMs = 2_000;
const progressEveryMs = 400;
/** Jobs one console runs at once; more wait queued. */
const concurrency = 2;

type StopReason = "pause" | "cancel" | "lost" | "shutdown";

/**
 * Runs replay jobs from the `replay_jobs` collection. Every console instance runs one; a job is
 * held under a lease renewed every 2 s, so a console that dies (even by SIGKILL) loses its jobs
 * after 10 s and another instance — or the same one restarted — resumes them.
 */
export class ReplayRunner {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<string, { stop(reason: StopReason): void; done: Promise<void> }>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private ticking = false;

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Looks for work now (after a job was created or resumed here). */
  kick(): void {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    void this.claimWhileFree()
      .catch((error: unknown) => getLogger().debug({ err: error }, "replay runner could not look for jobs"))
      .finally(() => (this.ticking = false));
  }

  private async claimWhileFree(): Promise<void> {
    while (!this.stopped && this.running.size < concurrency) {
      const job = await claimJob(this.owner);
      if (!job) return;
      this.run(job);
    }
  }

  /** Stops every job between transactions and hands it back (queued, lease released) for the next console. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const job of this.running.values()) job.stop("shutdown");
    await Promise.all([...this.running.values()].map((job) => job.done));
  }

  private run(job: JobDocument): void {
    const controller = new AbortController();
    let reason: StopReason | null = null;
    const stop = (why: StopReason) => {
      reason ??= why;
      controller.abort();
    };
    const log = getLogger().child({ job: job._id, kind: job.kind });
    let progress = job.progress;
    let lastWrite = 0;
    let lastError: string | null = job.error;
    const startedAt = job.startedAt ?? new Date();
    const rateWindow: Array<[number, number]> = [[Date.now(), progress.done]];
    const rateLimit = job.kind === "republish" ? (job.spec as RepublishSpec).ratePerSecond : undefined;

    const save = async (next: ReplayProgress | undefined, extra: Partial<JobDocument> = {}) => {
      const doc = await renewLease(job._id, this.owner, next, { error: lastError, startedAt, ...extra });
      if (!doc) stop("lost");
      else if (doc.requested) stop(doc.requested);
    };
    const heartbeat = setInterval(() => void save(undefined).catch(() => undefined), heartbeatMs);

    const record = (partitions: PartitionProgress[], done: number, total: number, scanned: number, steps?: ReplayStep[]) => {
      const now = Date.now();
      rateWindow.push([now, done]);
      while (rateWindow.length > 2 && now - rateWindow[0]![0] > 5_000) rateWindow.shift();
      const [t0, d0] = rateWindow[0]!;
      // A rate-limited job writes in bursts (a second's worth, then a pause): never report more than its limit.
      const measured = now > t0 ? ((done - d0) / (now - t0)) * 1000 : 0;
      const rate = rateLimit ? Math.min(measured, rateLimit) : measured;
      progress = {
        partitions,
        done,
        total,
        scanned,
        ratePerSecond: Math.round(rate),
        etaSeconds: rate > 0 ? Math.ceil((total - done) / rate) : null,
        updatedAt: new Date(now).toISOString(),
        ...(steps ? { steps: steps.map((step) => ({ ...step })) } : {}),
      };
    };

    const onRepublishProgress = async ({ positions, copied, scanned, lastError: error }: RepublishProgress) => {
      lastError = error;
      const partitions = job.ranges.map((r) => ({
        partition: r.partition,
        from: r.from,
        to: r.to,
        position: String(positions.get(r.partition) ?? r.from),
        copied: copied.get(r.partition) ?? 0,
      }));
      const done = partitions.reduce((sum, p) => sum + p.copied, 0);
      record(partitions, done, progress.total, progress.scanned + scanned);
      const finished = partitions.every((p) => BigInt(p.position) >= BigInt(p.to));
      if (finished || Date.now() - lastWrite >= progressEveryMs) {
        lastWrite = Date.now();
        await save(progress);
      }
    };

    const work = async (): Promise<"completed" | "stopped"> => {
      if (job.kind === "republish") {
        return runRepublish(
          { id: job._id, spec: job.spec as RepublishSpec, ranges: job.ranges, progressGroup: job.progressGroup! },
          { signal: controller.signal, onProgress: onRepublishProgress },
        );
      }
      if (job.kind === "rebuild") {
        return runRebuild(job.spec as RebuildSpec, {
          signal: controller.signal,
          steps: progress.steps ?? [],
          onProgress: async (steps, done, total) => {
            record([], done, total, 0, steps);
            await save(progress);
          },
        });
      }
      return runReprocess(
        { id: job._id, spec: job.spec as ReprocessSpec, rewind: job.rewind },
        {
          signal: controller.signal,
          onRewound: async (rewind) => {
            job.rewind = rewind;
            await save(undefined, { rewind });
            await writeAudit({
              actor: job.createdBy,
              action: "replay.rewind",
              target: job._id,
              outcome: "ok",
              details: { groupId: (job.spec as ReprocessSpec).groupId, changes: rewind },
            });
          },
          onProgress: async (partitions, done, total) => {
            record(partitions, done, total, 0);
            await save(progress);
          },
        },
      );
    };

    log.info({ owner: this.owner }, "replay job started");
    const done = (async () => {
      try {
        const outcome = await work();
        if (outcome === "completed") {
          const finished = await releaseJob(job._id, this.owner, "completed", { progress: { ...progress, etaSeconds: 0 }, error: lastError, startedAt });
          await this.audit(job, "completed", finished?.progress ?? progress);
          await this.forgetProgressGroup(job);
          log.info({ done: progress.done }, "replay job completed");
        } else if (reason === "pause") {
          await releaseJob(job._id, this.owner, "paused", { progress, startedAt });
        } else if (reason === "cancel") {
          const finished = await releaseJob(job._id, this.owner, "cancelled", { progress, startedAt });
          await this.audit(job, "cancelled", finished?.progress ?? progress);
          await this.forgetProgressGroup(job);
          await this.abandonShadow(job, progress);
        } else if (reason === "shutdown") {
          // Handed back at once: the next console need not wait for the lease to run out.
          await jobsCollection().updateOne({ _id: job._id, owner: this.owner }, { $set: { owner: null, leaseUntil: null, progress } });
        }
      } catch (error) {
        if (error instanceof FencedError || reason === "lost") {
          log.warn({ err: error }, "replay job taken over by another console");
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        log.error({ err: error }, "replay job failed");
        const finished = await releaseJob(job._id, this.owner, "failed", { progress, error: message, startedAt }).catch(() => null);
        await this.audit(job, "failed", finished?.progress ?? progress, message);
        await this.abandonShadow(job, progress);
      } finally {
        clearInterval(heartbeat);
        this.running.delete(job._id);
        this.kick();
      }
    })();
    this.running.set(job._id, { stop, done });
  }

  /** A rebuild that stops before its swap drops the service's shadow build, so the next rebuild is not refused. */
  private async abandonShadow(job: JobDocument, progress: ReplayProgress): Promise<void> {
    if (job.kind !== "rebuild") return;
    await abandonShadow(job.spec as RebuildSpec, progress.steps).catch((error: unknown) =>
      getLogger().warn({ err: error, job: job._id }, "could not drop the shadow build"),
    );
  }

  /** A finished re-publish needs its progress group no more: it would only clutter the group list. */
  private async forgetProgressGroup(job: JobDocument): Promise<void> {
    if (!job.progressGroup) return;
    await withReplayAdmin((admin) => admin.deleteGroups([job.progressGroup!])).catch((error: unknown) =>
      getLogger().debug({ err: error, job: job._id }, "could not delete a replay progress group"),
    );
  }

  private audit(job: JobDocument, outcome: "completed" | "cancelled" | "failed", progress: ReplayProgress, error?: string): Promise<void> {
    return writeAudit({
      actor: job.createdBy,
      action: "replay.finish",
      target: job._id,
      outcome: outcome === "failed" ? "failed" : "ok",
      details: { state: outcome, kind: job.kind, done: progress.done, total: progress.total, planned: job.plan, ...(error ? { error } : {}) },
    });
  }
}

const cache = globalThis as unknown as { eventdeckReplayRunner?: ReplayRunner };

/** The process's runner, started on first use. */
export function getReplayRunner(): ReplayRunner {
  if (!cache.eventdeckReplayRunner) {
    cache.eventdeckReplayRunner = new ReplayRunner();
    cache.eventdeckReplayRunner.start();
  }
  return cache.eventdeckReplayRunner;
}

export { leaseMs };
