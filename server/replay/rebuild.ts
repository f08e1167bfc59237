import "server-only";
import type { RebuildPlan, RebuildSpec, ReplayStep } from "@/lib/schemas/replay";
import { invalidate } from "../cache";
import { kafkaAdmin } from "../kafka/call";
import { fetchWatermarks } from "../kafka/topics";
import { hashCollection, type CollectionHash } from "../mongo/collection-hash";
import { mongoCall } from "../mongo/call";
import { getMongoClient } from "../mongo/client";
import { describeProjection, projectionAdmin } from "../service-admin/projections";

const pollMs = 1_000;
/** Hash comparisons tried (a second apart) before the differing result is reported as it is. */
const compareAttempts = 10;
/** A catch-up that reads nothing for this long fails the job (the service's consumer is stuck or gone). */
const stalledMs = 5 * 60_000;

const shadowSteps = ["Start a shadow build", "Catch up", "Compare with the live read model", "Swap it in", "Verify"] as const;
const inPlaceSteps = ["Fingerprint the read model", "Drop and rewind", "Catch up", "Compare with before"] as const;

export const rebuildSteps = (mode: RebuildSpec["mode"]): string[] => [...(mode === "shadow" ? shadowSteps : inPlaceSteps)];

/** The dry run of a rebuild: the projection as its service reports it, its size, the events it will read, the steps. */
export async function planRebuild(spec: RebuildSpec): Promise<RebuildPlan> {
  const projection = await describeProjection(spec.service, spec.projection);
  const [documents, records] = await Promise.all([
    mongoCall("countDocuments", () => getMongoClient().db(projection.database).collection(projection.collection).estimatedDocumentCount()),
    topicRecords(projection.topic),
  ]);
  const warnings: string[] = [];
  if (projection.shadow) warnings.push(`A shadow build is already running (${projection.shadow.collection}, since ${projection.shadow.startedAt}).`);
  if (spec.mode === "in-place")
    warnings.push(`"${projection.collection}" is dropped first: the service answers from an empty read model until the rebuild catches up.`);
  return { kind: "rebuild", spec, projection, documents, records, steps: rebuildSteps(spec.mode), warnings };
}

async function topicRecords(topic: string): Promise<number> {
  invalidate(`kafka:watermarks:${topic}`);
  return (await fetchWatermarks(topic)).reduce((sum, w) => sum + Number(BigInt(w.stable) - BigInt(w.low)), 0);
}

/** How far `groupId` has read `topic` against its committed events (last stable offsets). */
async function groupPosition(groupId: string, topic: string): Promise<{ done: number; total: number }> {
  invalidate(`kafka:watermarks:${topic}`);
  const [watermarks, [committed]] = await Promise.all([
    fetchWatermarks(topic),
    kafkaAdmin("fetchOffsets", (admin) => admin.fetchOffsets({ groupId, topics: [topic] })),
  ]);
  let done = 0;
  let total = 0;
  for (const w of watermarks) {
    const low = Number(w.low);
    const end = Number(w.stable);
    const offset = Number(committed?.partitions.find((p) => p.partition === w.partition)?.offset ?? -1);
    total += end - low;
    done += offset < 0 ? 0 : Math.min(end, Math.max(low, offset)) - low;
  }
  return { done, total };
}

/** Abandons the service's shadow build of a rebuild that will not finish (cancelled or failed before the swap). */
export async function abandonShadow(spec: RebuildSpec, steps: ReplayStep[] | undefined): Promise<void> {
  if (spec.mode !== "shadow" || steps?.[3]?.state === "done") return;
  const projection = await describeProjection(spec.service, spec.projection).catch(() => null);
  if (projection?.shadow) await projectionAdmin.dropShadow(spec.service, spec.projection);
}

export interface RebuildControl {
  signal: AbortSignal;
  steps: ReplayStep[];
  onProgress(steps: ReplayStep[], done: number, total: number): Promise<void>;
}

const describeHash = (h: CollectionHash) => `${h.count.toLocaleString("en-US")} documents, sha256 ${h.sha256.slice(0, 12)}…`;

/**
 * Rebuilds a service's projection as a sequence of recorded steps; a resumed job goes on
 * from the first step not done. Shadow: the service builds a new collection under a new
 * group, the job follows its lag to zero, compares it with the live collection (count and
 * hash), has the service swap it in and checks the result. In place: fingerprint, drop and
 * rewind (through the service), follow the catch-up, compare.
 */
export async function runRebuild(spec: RebuildSpec, control: RebuildControl): Promise<"completed" | "stopped"> {
  const steps = control.steps.length ? control.steps : rebuildSteps(spec.mode).map((name): ReplayStep => ({ name, state: "pending", detail: null }));
  let done = 0;
  let total = 0;
  const save = () => control.onProgress(steps, done, total);
  const step = async (index: number, work: () => Promise<string | null | "stopped">): Promise<boolean> => {
    if (steps[index]!.state === "done") return true;
    steps[index] = { ...steps[index]!, state: "running" };
    await save();
    try {
      const detail = await work();
      if (detail === "stopped") {
        steps[index] = { ...steps[index]!, state: "pending" };
        await save();
        return false;
      }
      steps[index] = { ...steps[index]!, state: "done", detail };
    } catch (error) {
      steps[index] = { ...steps[index]!, state: "failed", detail: (error as Error).message };
      await save();
      throw error;
    }
    await save();
    return true;
  };
  const detailOf = (index: number) => steps[index]!.detail ?? "";

  /** Follows `groupId` until it has read everything committed to `topic`. */
  const catchUp = async (groupId: string, topic: string): Promise<string | "stopped"> => {
    let lastDone = -1;
    let lastMove = Date.now();
    for (;;) {
      if (control.signal.aborted) return "stopped";
      ({ done, total } = await groupPosition(groupId, topic));
      await save();
      if (done >= total) return `${groupId} read all ${total.toLocaleString("en-US")} events`;
      if (done !== lastDone) [lastDone, lastMove] = [done, Date.now()];
      else if (Date.now() - lastMove > stalledMs) {
        throw new Error(
          `${groupId} read nothing for ${stalledMs / 60_000} minutes (at ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}): is the service's consumer running?`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  };

  /** Hashes two collections until they agree (both consumers may still be applying the newest events) or the attempts run out. */
  const compare = async (database: string, a: string, b: string): Promise<{ same: boolean; a: CollectionHash; b: CollectionHash }> => {
    for (let attempt = 1; ; attempt++) {
      const [ha, hb] = await Promise.all([hashCollection(database, a), hashCollection(database, b)]);
      if (ha.sha256 === hb.sha256 || attempt >= compareAttempts) return { same: ha.sha256 === hb.sha256, a: ha, b: hb };
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  };

  if (spec.mode === "shadow") {
    let projection = await describeProjection(spec.service, spec.projection);
    if (
      !(await step(0, async () => {
        if (!projection.shadow) projection = { service: spec.service, ...(await projectionAdmin.startShadow(spec.service, spec.projection)) };
        return `building ${projection.shadow!.collection} with group ${projection.shadow!.groupId}`;
      }))
    )
      return "stopped";
    if (!projection.shadow && steps[3]!.state !== "done")
      throw new Error(`The shadow build of ${spec.projection} is gone (did ${spec.service} restart?); start the rebuild again`);
    const shadow = projection.shadow;
    if (!(await step(1, () => catchUp(shadow!.groupId, projection.topic)))) return "stopped";
    if (
      !(await step(2, async () => {
        await catchUp(projection.groupId, projection.topic);
        const result = await compare(projection.database, projection.collection, shadow!.collection);
        return result.same ? `identical: ${describeHash(result.b)}` : `different: live ${describeHash(result.a)}; rebuilt ${describeHash(result.b)}`;
      }))
    )
      return "stopped";
    if (
      !(await step(3, async () => {
        const swapped = await projectionAdmin.swapShadow(spec.service, spec.projection);
        return `${swapped.collection} is live (group ${swapped.groupId}); the old collection and group are gone`;
      }))
    )
      return "stopped";
    await step(4, async () => {
      const live = await describeProjection(spec.service, spec.projection);
      const after = await hashCollection(live.database, live.collection);
      return `live ${live.collection}: ${describeHash(after)}`;
    });
    return "completed";
  }

  const projection = await describeProjection(spec.service, spec.projection);
  if (!(await step(0, async () => describeHash(await hashCollection(projection.database, projection.collection))))) return "stopped";
  if (
    !(await step(1, async () => {
      await projectionAdmin.rebuildInPlace(spec.service, spec.projection);
      return `${projection.collection} dropped, ${projection.groupId} rewound to the earliest offsets`;
    }))
  )
    return "stopped";
  if (!(await step(2, () => catchUp(projection.groupId, projection.topic)))) return "stopped";
  await step(3, async () => {
    const after = await hashCollection(projection.database, projection.collection);
    const before = detailOf(0);
    return before === describeHash(after) ? `identical to before: ${before}` : `before: ${before}; after: ${describeHash(after)}`;
  });
  return "completed";
}
