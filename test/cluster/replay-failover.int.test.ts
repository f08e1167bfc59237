import { Kafka, logLevel, type Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ports } from "@/stack/settings";
import { startKafkaNode, stopKafkaNode } from "@/stack/kafka";
import { readCommitted, startReplayWorker, stopProcess, waitForJob } from "../support/replay";
import { uniqueName } from "../support/stack";

// Runs against `npm run stack -- up --brokers 3`. The worker knows all three brokers, as a
// production console would; this process only creates the job and watches.
const brokers = [0, 1, 2].map((n) => `127.0.0.1:${ports.kafka + 2 * n}`);
vi.stubEnv("KAFKA_BROKERS", brokers.join(","));
vi.stubEnv("REPLAY_WORKER", "off");
vi.stubEnv("CLUSTER_NAME", uniqueName("it-replay-failover"));
const { createReplayJob } = await import("@/server/replay/jobs");

const source = uniqueName("it-replay-failover-src");
const target = uniqueName("it-replay-failover-dst");
const total = 60_000;
let kafka: Kafka;
let admin: Admin;
let stopped: number | null = null;

beforeAll(async () => {
  // All three brokers to bootstrap from: the test's own clients must survive the stop too.
  kafka = new Kafka({ clientId: uniqueName("it-replay-failover"), brokers, logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [source, target].map((topic) => ({ topic, numPartitions: 6, replicationFactor: 3, configEntries: [{ name: "min.insync.replicas", value: "2" }] })),
    waitForLeaders: true,
  });
  const producer = kafka.producer();
  await producer.connect();
  for (let start = 0; start < total; start += 10_000) {
    await producer.send({
      topic: source,
      acks: -1,
      messages: Array.from({ length: 10_000 }, (_, j) => ({ partition: (start + j) % 6, key: `k${start + j}`, value: `v${start + j}` })),
    });
  }
  await producer.disconnect();
});

afterAll(async () => {
  // Leave the cluster whole for the next suite.
  if (stopped !== null) await startKafkaNode(stopped);
  await admin.deleteTopics({ topics: [source, target] }).catch(() => undefined);
  await admin.disconnect();
}, 120_000);

describe("a replay loses the leader of a target partition", () => {
  it("rides through the failover and still writes each event exactly once", async () => {
    const worker = startReplayWorker();
    try {
      const job = await createReplayJob(
        { kind: "republish", source: { topic: source, partitions: [], range: { kind: "all" } }, filter: "", target: { topic: target }, ratePerSecond: 4_000 },
        "test",
      );
      await waitForJob(job.id, (j) => j.progress.done >= 0.25 * total, 60_000, 50);
      const metadata = await admin.fetchTopicMetadata({ topics: [target] });
      const leader = metadata.topics[0]!.partitions.find((p) => p.partitionId === 0)!.leader;
      stopped = leader;
      expect(await stopKafkaNode(leader)).toBe(true);
      // The broker is gone while the replay still has work left: the failover happens mid-replay.
      const { getReplayJob } = await import("@/server/replay/jobs");
      const atStop = await getReplayJob(job.id);
      expect(atStop.progress.done).toBeLessThan(total);
      const done = await waitForJob(job.id, (j) => j.state === "completed" || j.state === "failed", 120_000);
      expect(done.state, `${done.error ?? ""}\n${worker.output.join("").slice(-2_000)}`).toBe("completed");
      console.info(`broker ${leader} (leader of ${target}/0) stopped at 25 %; last error ridden through: ${done.error ?? "none"}`);

      const records = await readCommitted(kafka, target, total);
      expect(records).toHaveLength(total);
      const sources = new Set(records.map((r) => r.headers["x-replay-source"]));
      expect(sources.size).toBe(total);
      const last = new Map<number, number>();
      for (const r of records) {
        const offset = Number(r.headers["x-replay-source"]!.split("/")[2]);
        expect(offset).toBeGreaterThan(last.get(r.partition) ?? -1);
        last.set(r.partition, offset);
      }
    } finally {
      await stopProcess(worker.child);
    }
  });
});
