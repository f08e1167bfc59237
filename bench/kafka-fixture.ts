import { Kafka, logLevel, type Admin } from "kafkajs";
import { stackAddresses } from "../test/support/stack";

/**
 * Settings shared by the Kafka benchmarks: `--topics N`, `--partitions P`, `--groups G`,
 * `--rounds R` (timed), `--warmup W` (untimed rounds of each side first), `--load-seconds S`
 * (kafka-lag's viewers) override them.
 */
export function benchArgs(): { topics: number; partitions: number; groups: number; rounds: number; warmup: number; loadSeconds: number } {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  const topics = arg("topics", 1_000);
  return {
    topics,
    partitions: arg("partitions", topics >= 10_000 ? 4 : 3),
    groups: arg("groups", 50),
    rounds: arg("rounds", 5),
    warmup: arg("warmup", 3),
    loadSeconds: arg("load-seconds", 20),
  };
}

export const benchKafka = () =>
  new Kafka({ clientId: "eventdeck-bench", brokers: stackAddresses.kafkaBrokers, logLevel: logLevel.NOTHING, requestTimeout: 120_000 });

/** The bench topics of one size share a prefix naming that size, so a small run never touches (or adds to) a bigger one's topics. */
export const benchTopicPrefix = (count: number, partitions: number) => `eventdeck-bench-${count}x${partitions}-`;
export const benchTopicName = (count: number, partitions: number, i: number) => `${benchTopicPrefix(count, partitions)}${String(i).padStart(5, "0")}`;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs both sides of round `round`, ours first on even rounds and the peer first on odd ones, so neither always runs on a warmer machine. */
export async function alternately(round: number, ours: () => Promise<void>, peer: () => Promise<void>): Promise<void> {
  if (round % 2 === 0) {
    await ours();
    await peer();
  } else {
    await peer();
    await ours();
  }
}

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * Makes sure `count` bench topics of `partitions` partitions exist (created 200 at a time)
 * and each partition holds one message, so watermarks and lag are not all zero. Kept
 * between runs: creating 10,000 topics takes minutes.
 */
export async function ensureBenchTopics(admin: Admin, count: number, partitions: number): Promise<string[]> {
  const wanted = Array.from({ length: count }, (_, i) => benchTopicName(count, partitions, i));
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((t) => !existing.has(t));
  if (missing.length) console.error(`bench: creating ${missing.length} topics × ${partitions} partitions…`);
  const batchSize = 500;
  for (let i = 0; i < missing.length; i += batchSize) {
    const batch = missing.slice(i, i + batchSize);
    await admin
      .createTopics({ topics: batch.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })), timeout: 120_000 })
      .catch((error: unknown) => {
        // A retried request may find some of its topics made by the first attempt.
        if (!String(error).includes("already exists") && (error as { type?: string }).type !== "TOPIC_ALREADY_EXISTS") throw error;
      });
    await waitForLeaders(batch);
    // Leaders may still be settling on other brokers: a fresh producer tries again.
    for (let attempt = 1; ; attempt++) {
      const producer = benchKafka().producer({ allowAutoTopicCreation: false });
      try {
        await producer.connect();
        await producer.sendBatch({
          topicMessages: batch.map((topic) => ({ topic, messages: Array.from({ length: partitions }, (_, p) => ({ partition: p, value: "x" })) })),
        });
        break;
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      } finally {
        await producer.disconnect().catch(() => undefined);
      }
    }
    console.error(`bench: ${Math.min(i + batchSize, missing.length)}/${missing.length} topics created`);
  }
  return wanted;
}

/**
 * Waits until every partition of `topics` has a leader, asking a fresh client each time:
 * on several brokers, metadata reaches them one after another after a create.
 */
async function waitForLeaders(topics: string[], timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const admin = benchKafka().admin();
    try {
      await admin.connect();
      const { topics: described } = await admin.fetchTopicMetadata({ topics });
      if (described.length === topics.length && described.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`topics still without leaders after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
