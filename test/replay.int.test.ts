import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { CompressionTypes, type Admin, type Kafka } from "kafkajs";
import { replayHeaders, type RepublishSpec } from "@/lib/schemas/replay";
import { listAudit } from "@/server/audit/audit";
import { AppError } from "@/server/http/errors";
import { registerKafkajsCodecs } from "@/server/kafka/kafkajs-codecs";
import { describeLogDirs } from "@/server/kafka/log-dirs";
import { actOnReplayJob, createReplayJob, getReplayJob } from "@/server/replay/jobs";
import { planRepublish } from "@/server/replay/plan";
import { jobsCollection } from "@/server/replay/store";
import { readCommitted, startReplayWorker, stopProcess, waitForJob, type ReadRecord } from "./support/replay";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";

// This process only creates jobs; separate worker processes run them (and are killed mid-way).
// A cluster name of its own: a console running beside the tests never takes these jobs.
process.env.REPLAY_WORKER = "off";
process.env.CLUSTER_NAME = uniqueName("it-replay");

/** kafkajs's internal cluster, for an OffsetCommit with metadata (its admin cannot send one). */
interface CoordinatorCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findGroupCoordinator(request: { groupId: string }): Promise<{
    offsetCommit(request: {
      groupId: string;
      groupGenerationId: number;
      memberId: string;
      topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string; metadata: string }> }>;
    }): Promise<unknown>;
  }>;
}

const partitions = 6;
const baseTimestamp = 1_790_000_000_000;
let kafka: Kafka;
let admin: Admin;
const topics: string[] = [];

async function createTopic(prefix: string, count = partitions, configEntries: Array<{ name: string; value: string }> = []): Promise<string> {
  const topic = uniqueName(prefix);
  await admin.createTopics({ topics: [{ topic, numPartitions: count, configEntries }], waitForLeaders: true });
  topics.push(topic);
  return topic;
}

/** `total` events spread evenly over the partitions, with keys, a header and timestamps of their own. */
async function fill(topic: string, total: number, compression = CompressionTypes.None): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let start = 0; start < total; start += 10_000) {
      const messages = Array.from({ length: Math.min(10_000, total - start) }, (_, j) => {
        const i = start + j;
        return {
          partition: i % partitions,
          key: `order-${i % 997}`,
          value: JSON.stringify({ n: i, type: i % 10 === 0 ? "OrderCancelled" : "OrderPlaced" }),
          timestamp: String(baseTimestamp + i),
          headers: { traceId: `t-${i}` },
        };
      });
      await producer.send({ topic, messages, compression });
    }
  } finally {
    await producer.disconnect();
  }
}

const spec = (source: string, target: string, extra: Partial<RepublishSpec> = {}): RepublishSpec => ({
  kind: "republish",
  source: { topic: source, partitions: [], range: { kind: "all" } },
  filter: "",
  target: { topic: target },
  ...extra,
});

/** Every source (partition, offset) present exactly once, in source order within each target partition, with key, value, header and timestamp kept. */
function expectExactlyOnce(records: ReadRecord[], source: string, expected: number, jobId: string): void {
  expect(records).toHaveLength(expected);
  const seen = new Set<string>();
  const lastOffset = new Map<number, number>();
  for (const r of records) {
    expect(r.headers[replayHeaders.job]).toBe(jobId);
    const [topic, partition, offset] = r.headers[replayHeaders.source]!.split("/");
    expect(topic).toBe(source);
    const key = `${partition}/${offset}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
    // Same partition counts: source partition p lands in target partition p, in order.
    expect(r.partition).toBe(Number(partition));
    expect(Number(offset)).toBeGreaterThan(lastOffset.get(r.partition) ?? -1);
    lastOffset.set(r.partition, Number(offset));
    const n = (JSON.parse(r.value) as { n: number }).n;
    expect(r.key).toBe(`order-${n % 997}`);
    expect(r.headers.traceId).toBe(`t-${n}`);
    expect(r.timestamp).toBe(String(baseTimestamp + n));
  }
  expect(seen.size).toBe(expected);
}

beforeAll(async () => {
  registerKafkajsCodecs();
  kafka = testKafka();
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  if (topics.length) await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
});

describe("re-publish", () => {
  it("copies 100,000 events across 6 partitions exactly once, in order, keys, headers and timestamps kept", async () => {
    const source = await createTopic("replay-src");
    const target = await createTopic("replay-dst");
    await fill(source, 100_000);
    const worker = startReplayWorker();
    try {
      const job = await createReplayJob(spec(source, target), "test");
      expect(job.plan).toMatchObject({ records: 100_000, matched: 100_000, exact: true, mapping: "same-partition" });
      const done = await waitForJob(job.id, (j) => j.state === "completed" || j.state === "failed");
      expect(done.state, done.error ?? "").toBe("completed");
      expect(done.progress.done).toBe(100_000);
      expectExactlyOnce(await readCommitted(kafka, target, 100_000), source, 100_000, job.id);
      const audit = await listAudit({ target: job.id, limit: 10 });
      expect(audit.map((a) => a.action).sort()).toEqual(["replay.create", "replay.finish"]);
      expect(audit.find((a) => a.action === "replay.finish")!.details).toMatchObject({ state: "completed", done: 100_000 });
      // A finished job's progress group is gone (it would only clutter the group list).
      expect((await admin.listGroups()).groups.map((g) => g.groupId)).not.toContain(done.progressGroup);
    } finally {
      await stopProcess(worker.child);
    }
  });

  it("copies lz4-compressed events with the target topic's codec or the spec's, exactly once, readable by librdkafka", async () => {
    const source = await createTopic("replay-lz4-src");
    // zstd by the topic's compression.type; lz4 and none by the spec, into topics that keep batches as they come.
    const zstdTarget = await createTopic("replay-zstd-dst", partitions, [{ name: "compression.type", value: "zstd" }]);
    const lz4Target = await createTopic("replay-lz4-dst");
    const plainTarget = await createTopic("replay-plain-dst");
    await fill(source, 20_000, CompressionTypes.LZ4);
    const worker = startReplayWorker();
    try {
      const lz4Spec = spec(source, lz4Target, { target: { topic: lz4Target, compression: "lz4" } });
      // The dry run says which codec the copies get, and why.
      expect((await planRepublish(spec(source, zstdTarget))).target).toMatchObject({ compression: "zstd", compressionFrom: "topic" });
      expect((await planRepublish(lz4Spec)).target).toMatchObject({ compression: "lz4", compressionFrom: "spec" });
      expect((await planRepublish(spec(source, plainTarget))).target).toMatchObject({ compression: "none", compressionFrom: "topic" });
      const byTopic = await createReplayJob(spec(source, zstdTarget), "test");
      const lz4 = await createReplayJob(lz4Spec, "test");
      const plain = await createReplayJob(spec(source, plainTarget), "test");
      for (const job of [byTopic, lz4, plain]) {
        const done = await waitForJob(job.id, (j) => j.state === "completed" || j.state === "failed");
        expect(done.state, done.error ?? "").toBe("completed");
      }
      expectExactlyOnce(await readCommitted(kafka, zstdTarget, 20_000), source, 20_000, byTopic.id);
      expectExactlyOnce(await readCommitted(kafka, lz4Target, 20_000), source, 20_000, lz4.id);
      // librdkafka reads what the console wrote, every record once.
      for (const target of [zstdTarget, lz4Target]) {
        const offsets = execFileSync(
          "kcat",
          ["-C", "-b", stackAddresses.kafkaBrokers[0]!, "-t", target, "-e", "-q", "-X", "isolation.level=read_committed", "-f", "%p/%o\\n"],
          { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
        );
        expect(new Set(offsets.split("\n").filter(Boolean)).size, target).toBe(20_000);
      }
      // The lz4 batches really are compressed: on disk they take a fraction of the plain copy's.
      const sizes = (await describeLogDirs(1)).flatMap((dir) => dir.topics);
      const bytesOf = (name: string) => sizes.find((t) => t.topic === name)?.bytes ?? 0;
      expect(bytesOf(lz4Target)).toBeGreaterThan(0);
      expect(bytesOf(lz4Target)).toBeLessThan(bytesOf(plainTarget) * 0.7);
    } finally {
      await stopProcess(worker.child);
    }
  });

  it("resumes by itself after its worker is killed (SIGKILL) at 30 %, and still writes each event once", async () => {
    const source = await createTopic("replay-kill-src");
    const target = await createTopic("replay-kill-dst");
    await fill(source, 60_000);
    let worker = startReplayWorker();
    try {
      const job = await createReplayJob(spec(source, target, { ratePerSecond: 15_000 }), "test");
      const atKill = await waitForJob(job.id, (j) => j.progress.done >= 0.3 * 60_000 || (j.state !== "running" && j.state !== "queued"), 60_000, 50);
      expect(atKill.state).toBe("running");
      await stopProcess(worker.child, "SIGKILL");
      const killed = worker;
      expect(atKill.progress.done).toBeLessThan(60_000);
      worker = startReplayWorker();
      const done = await waitForJob(job.id, (j) => j.state === "completed" || j.state === "failed", 90_000);
      // What both workers said, to read when this fails.
      const story = `at the kill: ${JSON.stringify(atKill.progress.partitions)}\nat the end: ${JSON.stringify(done.progress.partitions)}\nfirst worker:\n${killed.output.join("").slice(-3000)}\nsecond worker:\n${worker.output.join("").slice(-3000)}`;
      expect(done.state, `${done.error ?? ""}\n${story}`).toBe("completed");
      expect(done.owner).toBeNull();
      expect(done.progress.done, story).toBe(60_000);
      expectExactlyOnce(await readCommitted(kafka, target, 60_000), source, 60_000, job.id);
    } finally {
      await stopProcess(worker.child);
    }
  });

  it("resumed after a worker died between its last transaction and its progress save, finishes with the progress Kafka holds", async () => {
    const source = await createTopic("replay-stale-src");
    const target = await createTopic("replay-stale-dst");
    await fill(source, 6_000);
    let worker = startReplayWorker();
    try {
      const job = await createReplayJob(spec(source, target), "test");
      const finished = await waitForJob(job.id, (j) => j.state === "completed" || j.state === "failed", 60_000);
      expect(finished.state, finished.error ?? "").toBe("completed");
      await stopProcess(worker.child);

      // The state such a worker leaves: every event and every source position committed in Kafka
      // (the progress group, with each partition's count in its metadata, as the last transaction
      // wrote it), while the job still says running, under a lease that ran out, at 0 of 6,000.
      const { createCluster } = await import("@/server/kafka/client");
      const cluster = createCluster<CoordinatorCluster>(kafka, { allowAutoTopicCreation: false });
      await cluster.connect();
      try {
        await cluster.refreshMetadata();
        const coordinator = await cluster.findGroupCoordinator({ groupId: finished.progressGroup! });
        await coordinator.offsetCommit({
          groupId: finished.progressGroup!,
          groupGenerationId: -1,
          memberId: "",
          topics: [
            {
              topic: source,
              partitions: finished.progress.partitions.map((p) => ({ partition: p.partition, offset: p.to, metadata: JSON.stringify({ copied: p.copied }) })),
            },
          ],
        });
      } finally {
        await cluster.disconnect();
      }
      const stale = { ...finished.progress, done: 0, partitions: finished.progress.partitions.map((p) => ({ ...p, position: p.from, copied: 0 })) };
      await jobsCollection().updateOne(
        { _id: job.id },
        { $set: { state: "running", owner: "a-worker-that-died", leaseUntil: new Date(Date.now() - 1_000), finishedAt: null, progress: stale } },
      );

      worker = startReplayWorker();
      const resumed = await waitForJob(job.id, (j) => j.state !== "running", 60_000);
      expect(resumed.state, resumed.error ?? "").toBe("completed");
      expect(resumed.progress.done).toBe(6_000);
      expect(resumed.progress.partitions.map((p) => p.position)).toEqual(finished.progress.partitions.map((p) => p.to));
      // Nothing was copied twice: the resumed run found every position at its end.
      expectExactlyOnce(await readCommitted(kafka, target, 6_000), source, 6_000, job.id);
    } finally {
      await stopProcess(worker.child);
    }
  });

  it("pauses, resumes and cancels between transactions", async () => {
    const source = await createTopic("replay-pause-src");
    const target = await createTopic("replay-pause-dst");
    await fill(source, 20_000);
    const worker = startReplayWorker();
    try {
      const job = await createReplayJob(spec(source, target, { ratePerSecond: 4_000 }), "test");
      await waitForJob(job.id, (j) => j.progress.done > 0);
      await actOnReplayJob(job.id, "pause", "test");
      const paused = await waitForJob(job.id, (j) => j.state === "paused", 15_000);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await getReplayJob(job.id)).progress.done).toBe(paused.progress.done);
      await expect(actOnReplayJob(job.id, "pause", "test")).rejects.toMatchObject({ status: 409 });
      await actOnReplayJob(job.id, "resume", "test");
      const done = await waitForJob(job.id, (j) => j.state === "completed" || j.state === "failed");
      expect(done.state).toBe("completed");
      expectExactlyOnce(await readCommitted(kafka, target, 20_000), source, 20_000, job.id);
      await expect(actOnReplayJob(job.id, "cancel", "test")).rejects.toMatchObject({ status: 409 });

      const second = await createReplayJob(spec(source, target, { ratePerSecond: 2_000 }), "test");
      await waitForJob(second.id, (j) => j.progress.done > 0);
      await actOnReplayJob(second.id, "cancel", "test");
      const cancelled = await waitForJob(second.id, (j) => j.state === "cancelled", 15_000);
      expect(cancelled.progress.done).toBeLessThan(20_000);
      expect(cancelled.finishedAt).not.toBeNull();
    } finally {
      await stopProcess(worker.child);
    }
  });
});

describe("dry run", () => {
  it("counts the filter's matches per partition, shows a sample and warns when partition counts differ", async () => {
    const source = await createTopic("replay-plan-src");
    const target = await createTopic("replay-plan-dst", 4);
    await fill(source, 3_000);
    const plan = await planRepublish(
      spec(source, target, {
        filter: 'value.type == "OrderCancelled"',
        source: { topic: source, partitions: [0, 2], range: { kind: "offsets", from: "100" } },
      }),
    );
    // Partitions 0 and 2 hold events n ≡ 0 and n ≡ 2 (mod 6); from offset 100 on, n = 6·offset + p.
    const cancelled = (p: number) => Array.from({ length: 400 }, (_, o) => 6 * (o + 100) + p).filter((n) => n % 10 === 0).length;
    expect(plan.ranges.map((r) => [r.partition, r.from, r.to, r.matched])).toEqual([
      [0, "100", "500", cancelled(0)],
      [2, "100", "500", cancelled(2)],
    ]);
    expect(plan).toMatchObject({ records: 800, matched: cancelled(0) + cancelled(2), exact: true, target: { exists: true, partitions: 4, mapping: "by-key" } });
    expect(plan.sample.length).toBeGreaterThan(0);
    expect(plan.sample.every((m) => m.value?.text.includes("OrderCancelled"))).toBe(true);
    expect(plan.warnings.join(" ")).toMatch(/4 partitions and the source 6/);
  });

  it("refuses clearly: missing target, empty range, nothing matching", async () => {
    const source = await createTopic("replay-refuse-src");
    await fill(source, 600);
    const missing = uniqueName("no-such-target");
    const refusal = await createReplayJob(spec(source, missing), "test").catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ status: 404, code: "TOPIC_NOT_FOUND" });
    expect((refusal as Error).message).toMatch(/create it first/);
    await expect(
      createReplayJob(spec(source, source, { source: { topic: source, partitions: [], range: { kind: "offsets", from: "100", to: "100" } } }), "test"),
    ).rejects.toMatchObject({ status: 400, code: "RANGE_EMPTY" });
    await expect(createReplayJob(spec(source, source, { filter: 'key == "nobody"' }), "test")).rejects.toMatchObject({ status: 400, code: "RANGE_EMPTY" });
    const refused = await listAudit({ action: "replay.create", target: `${source} → ${missing}`, limit: 5 });
    expect(refused[0]).toMatchObject({ outcome: "refused" });
  });
});
