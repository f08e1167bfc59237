import "server-only";
import { randomBytes } from "node:crypto";
import type { RebuildSpec, ReplayJob, ReplayJobAction, ReplaySpec } from "@/lib/schemas/replay";
import { writeAudit } from "../audit/audit";
import { invalidate } from "../cache";
import { getConfig } from "../config";
import { AppError } from "../http/errors";
import { mongoCall } from "../mongo/call";
import { withReplayAdmin } from "./kafka";
import { planReprocess, planRepublish } from "./plan";
import { abandonShadow, planRebuild, rebuildSteps } from "./rebuild";
import { replayProgressGroup } from "./republish";
import { getReplayRunner } from "./runner";
import { jobsCollection, toReplayJob, type JobDocument } from "./store";

const newJobId = () => `rp-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;

/** Turns a plan into the reason a job cannot start, if there is one. */
async function refusalOf(
  spec: ReplaySpec,
): Promise<{ refusal: AppError | null; doc: Omit<JobDocument, "_id" | "cluster" | "createdBy" | "createdAt"> & { numbers: Record<string, unknown> } }> {
  const base = { state: "queued" as const, startedAt: null, finishedAt: null, error: null, owner: null, leaseUntil: null, requested: null, rewind: null };
  const now = new Date().toISOString();
  if (spec.kind === "republish") {
    invalidate("kafka:metadata");
    const plan = await planRepublish(spec);
    const numbers = {
      records: plan.records,
      matched: plan.matched,
      exact: plan.exact,
      mapping: plan.target.mapping,
      ranges: plan.ranges.map(({ partition, from, to }) => ({ partition, from, to })),
    };
    const refusal = !plan.target.exists
      ? new AppError(
          "TOPIC_NOT_FOUND",
          `Target topic "${spec.target.topic}" does not exist; create it first (Kafka → Topics → Create topic), then start the replay`,
        )
      : plan.records === 0
        ? new AppError("RANGE_EMPTY", `The range holds no events in "${spec.source.topic}": there is nothing to replay`)
        : plan.exact && plan.matched === 0
          ? new AppError("RANGE_EMPTY", "No event in the range matches the filter: there is nothing to replay")
          : null;
    const ranges = plan.ranges.map(({ partition, from, to }) => ({ partition, from, to }));
    return {
      refusal,
      doc: {
        ...base,
        kind: "republish",
        spec,
        plan: { records: plan.records, matched: plan.matched, exact: plan.exact, mapping: plan.target.mapping },
        ranges,
        progressGroup: null,
        progress: {
          partitions: ranges.map((r) => ({ ...r, position: r.from, copied: 0 })),
          done: 0,
          total: plan.matched,
          scanned: 0,
          ratePerSecond: 0,
          etaSeconds: null,
          updatedAt: now,
        },
        numbers,
      },
    };
  }
  if (spec.kind === "rebuild") {
    const plan = await planRebuild(spec);
    const refusal =
      plan.projection.shadow || plan.projection.state === "rebuilding"
        ? new AppError("CONFLICT", `A rebuild of ${spec.service}'s ${spec.projection} is already running`)
        : null;
    return {
      refusal,
      doc: {
        ...base,
        kind: "rebuild",
        spec,
        plan: { records: plan.records, matched: plan.records, exact: true },
        ranges: [],
        progressGroup: null,
        progress: {
          partitions: [],
          done: 0,
          total: plan.records,
          scanned: 0,
          ratePerSecond: 0,
          etaSeconds: null,
          updatedAt: now,
          steps: rebuildSteps(spec.mode).map((name) => ({ name, state: "pending" as const, detail: null })),
        },
        numbers: { records: plan.records, documents: plan.documents, projection: plan.projection },
      },
    };
  }
  const plan = await planReprocess(spec);
  const refusal =
    plan.members > 0
      ? new AppError(
          "GROUP_ACTIVE",
          `Consumer group "${spec.groupId}" has ${plan.members} active member(s); stop its consumers before reprocessing (their next commit would undo the rewind)`,
        )
      : plan.records === 0
        ? new AppError("RANGE_EMPTY", `Group "${spec.groupId}" is already at these offsets: nothing would be read again`)
        : null;
  return {
    refusal,
    doc: {
      ...base,
      kind: "reprocess",
      spec,
      plan: { records: plan.records, matched: plan.records, exact: true },
      ranges: [],
      progressGroup: null,
      progress: { partitions: [], done: 0, total: plan.records, scanned: 0, ratePerSecond: 0, etaSeconds: null, updatedAt: now },
      numbers: { records: plan.records, state: plan.state, changes: plan.changes },
    },
  };
}

/**
 * Creates a replay job after running its dry run again on the server (the numbers stored and
 * audited are the server's, not the page's): refused with 404 when the target topic is missing,
 * 400 when the range is empty, 409 when the group to reprocess has members.
 */
export async function createReplayJob(spec: ReplaySpec, actor: string): Promise<ReplayJob> {
  const { refusal, doc } = await refusalOf(spec);
  const what =
    spec.kind === "republish" ? `${spec.source.topic} → ${spec.target.topic}` : spec.kind === "reprocess" ? spec.groupId : `${spec.service}/${spec.projection}`;
  if (refusal) {
    await writeAudit({ actor, action: "replay.create", target: what, outcome: "refused", details: { spec, reason: refusal.message, ...doc.numbers } });
    throw refusal;
  }
  const id = newJobId();
  const { numbers, ...fields } = doc;
  const job: JobDocument = {
    _id: id,
    cluster: getConfig().CLUSTER_NAME,
    ...fields,
    progressGroup: spec.kind === "republish" ? replayProgressGroup(id) : null,
    createdBy: actor,
    createdAt: new Date(),
  };
  await mongoCall("insertReplayJob", () => jobsCollection().insertOne(job));
  await writeAudit({ actor, action: "replay.create", target: id, outcome: "ok", details: { spec, what, ...numbers } });
  if (getConfig().REPLAY_WORKER === "on") getReplayRunner().kick();
  return toReplayJob(job);
}

export async function listReplayJobs(query: { state?: ReplayJob["state"]; limit: number }): Promise<ReplayJob[]> {
  const docs = await mongoCall("listReplayJobs", () =>
    jobsCollection()
      .find({ cluster: getConfig().CLUSTER_NAME, ...(query.state ? { state: query.state } : {}) })
      .sort({ createdAt: -1 })
      .limit(query.limit)
      .toArray(),
  );
  return docs.map(toReplayJob);
}

export async function getReplayJob(id: string): Promise<ReplayJob> {
  const doc = await mongoCall("getReplayJob", () => jobsCollection().findOne({ _id: id }));
  if (!doc) throw new AppError("NOT_FOUND", `No replay job ${id}`);
  return toReplayJob(doc);
}

/**
 * Pause, resume or cancel. A running job is asked (its console stops it between two
 * transactions, within about two seconds); a job nobody runs changes state at once.
 */
export function actOnReplayJob(id: string, action: ReplayJobAction, actor: string): Promise<ReplayJob> {
  return mongoCall("replayJobAction", () => changeJobState(id, action, actor));
}

async function changeJobState(id: string, action: ReplayJobAction, actor: string): Promise<ReplayJob> {
  const jobs = jobsCollection();
  const doc = await jobs.findOne({ _id: id });
  if (!doc) throw new AppError("NOT_FOUND", `No replay job ${id}`);
  const conflict = () =>
    new AppError("CONFLICT", `Job ${id} is ${doc.state}: it cannot be ${action === "pause" ? "paused" : action === "resume" ? "resumed" : "cancelled"}`);
  let updated: JobDocument | null = null;
  if (action === "pause") {
    if (doc.state === "running")
      updated = await jobs.findOneAndUpdate({ _id: id, state: "running" }, { $set: { requested: "pause" } }, { returnDocument: "after" });
    else if (doc.state === "queued")
      updated = await jobs.findOneAndUpdate({ _id: id, state: "queued" }, { $set: { state: "paused" } }, { returnDocument: "after" });
  } else if (action === "resume") {
    if (doc.state === "paused")
      updated = await jobs.findOneAndUpdate({ _id: id, state: "paused" }, { $set: { state: "queued", requested: null } }, { returnDocument: "after" });
  } else if (doc.state === "running") {
    updated = await jobs.findOneAndUpdate({ _id: id, state: "running" }, { $set: { requested: "cancel" } }, { returnDocument: "after" });
  } else if (doc.state === "queued" || doc.state === "paused") {
    updated = await jobs.findOneAndUpdate(
      { _id: id, state: doc.state },
      { $set: { state: "cancelled", finishedAt: new Date(), requested: null } },
      { returnDocument: "after" },
    );
  }
  if (!updated) throw conflict();
  await writeAudit({ actor, action: `replay.${action}`, target: id, outcome: "ok", details: { from: doc.state } });
  if (action === "resume" && getConfig().REPLAY_WORKER === "on") getReplayRunner().kick();
  if (updated.state === "cancelled" && updated.kind === "rebuild")
    await abandonShadow(updated.spec as RebuildSpec, updated.progress.steps).catch(() => undefined);
  if (updated.state === "cancelled" && updated.progressGroup) {
    // Cancelled before any console ran it again: nothing will read its progress group.
    await withReplayAdmin((admin) => admin.deleteGroups([updated!.progressGroup!])).catch(() => undefined);
  }
  return toReplayJob(updated);
}
