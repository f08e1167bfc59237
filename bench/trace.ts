import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CompressionTypes, Kafka, logLevel, Partitioners } from "kafkajs";
import { stackAddresses } from "../test/support/stack";
import { median } from "./kafka-fixture";

/** The prepared topic: 1,000,000 order events of ~300 bytes, placed by key like any producer would; named by its size. */
const messages = Number(process.env.BENCH_TRACE_MESSAGES ?? 1_000_000);
const topic = process.env.BENCH_TRACE_TOPIC ?? `eventdeck-bench-trace-${messages}`;
const partitions = 12;
/** Keys: each order has this many events spread over the topic's life. */
const eventsPerKey = 10;
const keys = messages / eventsPerKey;
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

function orderEvent(i: number, key: string): string {
  return JSON.stringify({
    eventId: randomUUID(),
    type: ["OrderCreated", "OrderApproved", "OrderShipped"][i % 3],
    aggregateId: key,
    occurredAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
    version: 1 + Math.floor(i / keys),
    payload: {
      customerId: `customer-${i % 997}`,
      total: (i % 10_000) / 100,
      items: [{ sku: `sku-${i % 313}`, quantity: 1 + (i % 3) }],
      note: "regular order from the benchmark",
    },
  });
}

const keyOf = (i: number) => `order-${String(i % keys).padStart(6, "0")}`;

/** Creates and fills the topic unless it already holds `messages`. */
async function prepareTopic(): Promise<void> {
  const kafka = new Kafka({ clientId: "bench-trace", brokers: stackAddresses.kafkaBrokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(topic)) {
      const offsets = await admin.fetchTopicOffsets(topic);
      const held = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      if (held === messages && offsets.length === partitions) return;
      console.error(`bench: ${topic} holds ${held} messages in ${offsets.length} partitions; producing it again`);
      await admin.deleteTopics({ topics: [topic] });
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    console.error(`bench: producing ${messages} messages into ${topic}, ${partitions} partitions by key (once; later runs reuse it)…`);
    const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const started = performance.now();
    const batch = 5_000;
    const inFlight: Promise<unknown>[] = [];
    for (let first = 0; first < messages; first += batch) {
      const chunk = Array.from({ length: Math.min(batch, messages - first) }, (_, j) => {
        const key = keyOf(first + j);
        return { key, value: orderEvent(first + j, key) };
      });
      inFlight.push(producer.send({ topic, messages: chunk, compression: CompressionTypes.None, acks: 1 }));
      if (inFlight.length >= 8) await inFlight.shift();
    }
    await Promise.all(inFlight);
    await producer.disconnect();
    console.error(`bench: produced in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await admin.disconnect();
  }
}

interface TraceAnswer {
  events: Array<{ key: string | null }>;
  scans: Array<{ partitions: number[]; scanned: number }>;
}

/** Ours: the trace route, in-process, for one key of an entity declared on the topic. */
async function traceRound(key: string): Promise<{ ms: number; scanned: number }> {
  const route = await import("../app/api/system/trace/route");
  const started = performance.now();
  const response = await route.GET(new Request(`http://localhost/api/system/trace?entity=benchorder&id=${key}`), undefined);
  const body = (await response.json()) as TraceAnswer;
  const ms = performance.now() - started;
  if (response.status !== 200 || body.events.length !== eventsPerKey || body.events.some((e) => e.key !== key)) {
    throw new Error(`the trace of ${key} answered ${response.status} with ${body.events?.length} events; expected ${eventsPerKey}`);
  }
  if (body.scans.length !== 1 || body.scans[0]!.partitions.length !== 1)
    throw new Error(`the trace read ${JSON.stringify(body.scans.map((s) => s.partitions))}; expected one partition`);
  return { ms, scanned: body.scans[0]!.scanned };
}

/** The peer: the same search over the whole topic (the message browser's server-side scan with `key == "…"`, every partition). */
async function fullScanRound(key: string): Promise<number> {
  const route = await import("../app/api/kafka/topics/[topic]/messages/route");
  const query = new URLSearchParams({ start: "earliest", filter: `key == "${key}"`, maxScan: String(messages), maxMatches: "1000" });
  const started = performance.now();
  const response = await route.GET(new Request(`http://localhost/api/kafka/topics/${topic}/messages?${query}`), { params: Promise.resolve({ topic }) });
  const text = await response.text();
  const ms = performance.now() - started;
  const done = text
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => JSON.parse(line.slice(6)) as { type: string; scanned?: number; matched?: number })
    .at(-1);
  if (done?.type !== "done" || done.matched !== eventsPerKey || done.scanned !== messages) throw new Error(`the full scan ended with ${JSON.stringify(done)}`);
  return ms;
}

/**
 * Milliseconds to find every event of one key in a topic of 1,000,000 messages (12 partitions):
 * the entity trace, which reads only the partition the key hashes to, against a scan of the
 * whole topic for the same key with the same reader. Rounds alternate; each uses a new key.
 */
export async function benchTrace(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "eventdeck-bench-trace-"));
  writeFileSync(join(dir, "system.json"), JSON.stringify({ eventdeck: { entities: [{ name: "benchorder", topics: [topic] }] } }));
  process.env.SYSTEM_CONFIG_FILE = join(dir, "system.json");
  await prepareTopic();

  await traceRound(keyOf(17));
  await fullScanRound(keyOf(17));
  const ours: number[] = [];
  const peer: number[] = [];
  const read: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const key = keyOf(1_234 + round * 7_919);
    const trace = await traceRound(key);
    ours.push(trace.ms);
    read.push(trace.scanned);
    peer.push(await fullScanRound(key));
    console.error(
      `bench: round ${round + 1}: trace ${Math.round(ours.at(-1)!)} ms (${trace.scanned} records of one partition), full scan ${Math.round(peer.at(-1)!)} ms`,
    );
  }
  const oursValue = Math.round(median(ours));
  const peerValue = Math.round(median(peer));
  return {
    bench: "trace",
    unit: "ms",
    ours: oursValue,
    oursDoes: `the trace route handler in process: GET /api/system/trace?entity=benchorder&id=<key> — the entity's topic, the one partition the key hashes to read from its start to its end, the key's events, the groups' positions`,
    peer: "a scan of every partition for the same key (the message browser's reader)",
    peerDoes: `the messages route handler in process: GET /api/kafka/topics/${topic}/messages?start=earliest&filter=key == "<key>"&maxScan=${messages} — every partition read from its start to its end, the server-sent event stream read to its end`,
    peerValue,
    ratio: Number((oursValue / peerValue).toFixed(3)),
    n: rounds,
    warmup: 1,
    messages,
    partitions,
    recordsReadByTrace: Math.round(median(read)),
  };
}
