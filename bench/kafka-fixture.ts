import { Kafka, logLevel, type Admin } from "kafkajs";
import { stackAddresses } from "../test/support/stack";

/** Settings shared by the Kafka benchmarks: `--topics N`, `--partitions P`, `--groups G` override them. */
export function benchArgs(): { topics: number; partitions: number; groups: number; rounds: number } {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  const topics = arg("topics", 1_000);
  return { topics, partitions: arg("partitions", topics >= 10_000 ? 4 : 3), groups: arg("groups", 50), rounds: arg("rounds", 5) };
}

export const benchKafka = () => new Kafka({ clientId: "eventdeck-bench", brokers: stackAddresses.kafkaBrokers, logLevel: logLevel.NOTHING, requestTimeout: 120_000 });

export const benchTopicName = (partitions: number, i: number) => `eventdeck-bench-p${partitions}-${String(i).padStart(5, "0")}`;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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
  const wanted = Array.from({ length: count }, (_, i) => benchTopicName(partitions, i));
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((t) => !existing.has(t));
  if (missing.length) console.error(`bench: creating ${missing.length} topics × ${partitions} partitions…`);
  for (let i = 0; i < missing.length; i += 200) {
    const batch = missing.slice(i, i + 200);
    await admin.createTopics({ topics: batch.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })), waitForLeaders: true, timeout: 120_000 });
    const producer = benchKafka().producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.sendBatch({ topicMessages: batch.map((topic) => ({ topic, messages: Array.from({ length: partitions }, (_, p) => ({ partition: p, value: "x" })) })) });
    await producer.disconnect();
    console.error(`bench: ${Math.min(i + 200, missing.length)}/${missing.length} topics created`);
  }
  return wanted;
}
