import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { KafkaMessage, ScanEvent } from "@/lib/schemas/kafka-messages";
import { cacheDir, kafkaReleases } from "@/stack/settings";
import { serdesPython } from "./support/python-serdes";
import { callRoute } from "./support/route-call";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";

// Records written by producers nobody here wrote — librdkafka (kcat) and Kafka's own Java
// producer — in every codec, read through the console and compared with what a read_committed
// librdkafka consumer reads from the same topic.
vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
const messagesRoute = await import("@/app/api/kafka/topics/[topic]/messages/route");
const { describeLogDirs } = await import("@/server/kafka/log-dirs");
const groupRoute = await import("@/app/api/kafka/groups/[group]/route");
const { invalidate } = await import("@/server/cache");

const broker = stackAddresses.kafkaBrokers[0]!;
const codecs = ["gzip", "snappy", "lz4", "zstd"] as const;
const kafka = testKafka();
const admin = kafka.admin();
const topics: string[] = [];
const groups: string[] = [];
const javaClasspath = join(cacheDir, `kafka-${kafkaReleases["4.1"].version}`, "libs", "*");

async function newTopic(prefix: string, partitions = 3): Promise<string> {
  const topic = uniqueName(prefix);
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  topics.push(topic);
  return topic;
}

/** Every record of `topic` as librdkafka reads it with read_committed: partition, offset, key and value (sizes and text). */
function referenceRead(topic: string): string[] {
  const out = execFileSync("kcat", ["-C", "-b", broker, "-t", topic, "-e", "-q", "-X", "isolation.level=read_committed", "-f", "%p\t%o\t%K\t%k\t%S\t%s\n"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return out.split("\n").filter(Boolean).sort();
}

/** The same fields of every record, read through the console's message browser. */
async function consoleRead(topic: string): Promise<{ lines: string[]; done: Extract<ScanEvent, { type: "done" }> }> {
  const { status, text } = await callRoute(messagesRoute.GET, "GET", `/api/kafka/topics/${topic}/messages?start=earliest&maxScan=50000&maxMatches=1000`, {
    params: { topic },
  });
  expect(status).toBe(200);
  const events = text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => JSON.parse(block.slice(block.indexOf("data: ") + 6)) as ScanEvent);
  const errors = events.filter((e) => e.type === "error");
  expect(errors).toEqual([]);
  const messages = events.flatMap((e) => (e.type === "message" ? [e.message] : [])) as KafkaMessage[];
  for (const m of messages) expect(m.value?.truncated, `${m.partition}:${m.offset}`).toBe(false);
  // kcat prints -1 as the length of a null key or value, and nothing for its text.
  const field = (p: KafkaMessage["value"]) => (p === null ? ["-1", ""] : [String(p.size), p.text]);
  const lines = messages.map((m) => {
    const [keySize, key] = field(m.key);
    const [valueSize, value] = field(m.value);
    return [m.partition, m.offset, keySize, key, valueSize, value].join("\t");
  });
  return { lines: lines.sort(), done: events.at(-1) as Extract<ScanEvent, { type: "done" }> };
}

beforeAll(async () => {
  await admin.connect();
});

afterAll(async () => {
  await admin.deleteGroups(groups).catch(() => undefined);
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
});

describe.each(codecs)("%s-compressed topics", (codec) => {
  it("written by librdkafka (kcat -z) read exactly as librdkafka reads them", async () => {
    const topic = await newTopic(`it-kcat-${codec}`);
    const lines = Array.from({ length: 400 }, (_, i) => `order-${i % 37}|{"order":${i},"codec":"${codec}","note":"${"x".repeat(i % 50)}"}`);
    execFileSync("kcat", ["-P", "-b", broker, "-t", topic, "-z", codec, "-K", "|", "-X", "linger.ms=50", "-X", "batch.num.messages=100"], {
      input: `${lines.join("\n")}\n`,
    });
    const reference = referenceRead(topic);
    expect(reference).toHaveLength(400);
    const ours = await consoleRead(topic);
    expect(ours.done).toMatchObject({ type: "done", scanned: 400, matched: 400 });
    expect(ours.lines).toEqual(reference);

    // A group that has read nothing lags by the age of each partition's oldest (compressed) message.
    const groupId = uniqueName(`it-lag-${codec}`);
    groups.push(groupId);
    await admin.setOffsets({ groupId, topic, partitions: [0, 1, 2].map((partition) => ({ partition, offset: "0" })) });
    invalidate("kafka:");
    const { status, body } = await callRoute(groupRoute.GET, "GET", `/api/kafka/groups/${groupId}`, { params: { group: groupId } });
    expect(status).toBe(200);
    const lagging = (body.partitions as Array<{ lag: string; lagSeconds: number | null }>).filter((p) => p.lag !== "0");
    expect(lagging.length).toBeGreaterThan(0);
    for (const p of lagging) expect(p.lagSeconds).not.toBeNull();
  });

  it("written by Kafka's Java producer, in transactions, read exactly as a read_committed librdkafka consumer reads them", async () => {
    const topic = await newTopic(`it-java-${codec}`);
    execFileSync(
      "java",
      [
        "-cp",
        javaClasspath,
        "org.apache.kafka.tools.ProducerPerformance",
        "--topic",
        topic,
        "--num-records",
        "600",
        "--record-size",
        "120",
        "--throughput",
        "-1",
        "--transactional-id",
        uniqueName("it-java-tx"),
        "--transaction-duration-ms",
        "50",
        "--producer-props",
        `bootstrap.servers=${broker}`,
        `compression.type=${codec}`,
        "linger.ms=20",
      ],
      { stdio: "pipe", timeout: 120_000 },
    );
    const reference = referenceRead(topic);
    expect(reference).toHaveLength(600);
    const ours = await consoleRead(topic);
    expect(ours.lines).toEqual(reference);
  }, 180_000);

  it("written by librdkafka in transactions, some aborted, read exactly as a read_committed librdkafka consumer reads them", async () => {
    const topic = await newTopic(`it-txn-${codec}`);
    const out = execFileSync(serdesPython, [join(import.meta.dirname, "python", "librdkafka_transactions.py"), broker, topic, codec, "9", "40"], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(JSON.parse(out)).toEqual({ committed: 240, aborted: 120 });
    const reference = referenceRead(topic);
    expect(reference).toHaveLength(240);
    // Not one record of an aborted transaction (the second of every three) reaches either reader.
    expect(reference.filter((line) => /\tt(1|4|7)-m/.test(line))).toEqual([]);
    const ours = await consoleRead(topic);
    expect(ours.done).toMatchObject({ type: "done", matched: 240, unreadable: [] });
    expect(ours.lines).toEqual(reference);
  }, 180_000);

  it("written by the console's produce form in that codec, read back by librdkafka", async () => {
    const [topic, plain] = [await newTopic(`it-produce-${codec}`, 1), await newTopic(`it-produce-plain-${codec}`, 1)];
    const value = JSON.stringify({ codec, items: Array.from({ length: 200 }, (_, i) => ({ sku: `SKU-${i % 4}`, quantity: 1 })) });
    for (const [name, compression] of [
      [topic, codec],
      [plain, "none"],
    ] as const) {
      const { status } = await callRoute(messagesRoute.POST, "POST", `/api/kafka/topics/${name}/messages`, {
        params: { topic: name },
        body: { key: "k1", value, valueFormat: "json", compression },
      });
      expect(status).toBe(201);
      expect(referenceRead(name)).toEqual([["0", "0", "2", "k1", String(Buffer.byteLength(value)), value].join("\t")]);
    }
    // The batch really is compressed: on disk it takes a fraction of the same message written plainly.
    const sizes = (await describeLogDirs(1)).flatMap((dir) => dir.topics);
    const bytesOf = (name: string) => sizes.find((t) => t.topic === name)?.bytes ?? 0;
    expect(bytesOf(plain)).toBeGreaterThan(Buffer.byteLength(value));
    expect(bytesOf(topic)).toBeLessThan(bytesOf(plain) / 2);
  });
});
