import "server-only";
import type { Collection } from "mongodb";
import type { OffsetChange } from "@/lib/schemas/kafka";
import type { PartitionRange, ReplayJob, ReplayJobState, ReplayProgress, ReplaySpec } from "@/lib/schemas/replay";
import { getConfig } from "../config";
import { getMongoClient } from "../mongo/client";

/** A replay job as stored in the console's database (collection `replay_jobs`). */
export interface JobDocument {
  _id: string;
  /** The Kafka cluster (CLUSTER_NAME) the job belongs to: only consoles of that cluster run it. */
  cluster: string;
  kind: ReplaySpec["kind"];
  state: ReplayJobState;
  spec: ReplaySpec;
  plan: ReplayJob["plan"];
  /** Re-publish: the source ranges fixed at creation. */
  ranges: PartitionRange[];
  /** Reprocess: the offsets the group was rewound from and to (set once the rewind is done). */
  rewind: OffsetChange[] | null;
  progress: ReplayProgress;
  progressGroup: string | null;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  /** The console instance holding the job's lease, and until when. */
  owner: string | null;
  leaseUntil: Date | null;
  /** What an operator asked for; the owner acts on it between transactions. */
  requested: "pause" | "cancel" | null;
}

export function jobsCollection(): Collection<JobDocument> {
  return getMongoClient().db(getConfig().CONSOLE_DATABASE).collection<JobDocument>("replay_jobs");
}

export function toReplayJob(doc: JobDocument): ReplayJob {
  return {
    id: doc._id,
    cluster: doc.cluster,
    kind: doc.kind,
    state: doc.state,
    spec: doc.spec,
    plan: doc.plan,
    progress: doc.progress,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt.toISOString(),
    startedAt: doc.startedAt?.toISOString() ?? null,
    finishedAt: doc.finishedAt?.toISOString() ?? null,
    error: doc.error,
    owner: doc.owner,
    progressGroup: doc.progressGroup,
  };
}

export const leaseMs = 10_000;

/**
 * Takes the oldest job that is queued, or running under a lease nobody renewed in time (its
 * console died): one conditional update, so two consoles never take the same job.
 */
export async function claimJob(owner: string): Promise<JobDocument | null> {
  const now = new Date();
  return jobsCollection().findOneAndUpdate(
    { cluster: getConfig().CLUSTER_NAME, state: { $in: ["queued", "running"] }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
    { $set: { owner, leaseUntil: new Date(now.getTime() + leaseMs), state: "running" } },
    { sort: { createdAt: 1 }, returnDocument: "after" },
  );
}

/** Renews the lease (and stores progress if given); null when this owner no longer holds the job. */
export async function renewLease(id: string, owner: string, progress?: ReplayProgress, extra: Partial<JobDocument> = {}): Promise<JobDocument | null> {
  return jobsCollection().findOneAndUpdate(
    { _id: id, owner, state: "running" },
    { $set: { leaseUntil: new Date(Date.now() + leaseMs), ...(progress ? { progress } : {}), ...extra } },
    { returnDocument: "after" },
  );
}

/** Leaves the running state (completed, paused, cancelled, failed, or queued again on shutdown) and gives the lease up. */
export async function releaseJob(id: string, owner: string, state: ReplayJobState, extra: Partial<JobDocument> = {}): Promise<JobDocument | null> {
  const finished = state === "completed" || state === "cancelled" || state === "failed";
  return jobsCollection().findOneAndUpdate(
    { _id: id, owner },
    { $set: { state, owner: null, leaseUntil: null, requested: null, ...(finished ? { finishedAt: new Date() } : {}), ...extra } },
    { returnDocument: "after" },
  );
}
