import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import type { CompressionCodec } from "../lib/schemas/kafka-messages";
import { kafkajsCompression, registerKafkajsCodecs } from "../server/kafka/kafkajs-codecs";
import { stackAddresses } from "../test/support/stack";

export const searchBenchMessages = Number(process.env.BENCH_SEARCH_MESSAGES ?? 1_000_000);
/** The prepared topic the search benchmark reads for a codec, named by its size; kept across runs because producing it takes a while. */
export const searchBenchTopic = (codec: CompressionCodec) =>
  process.env.BENCH_SEARCH_TOPIC ?? `eventdeck-bench-search-${searchBenchMessages}${codec === "none" ? "" : `-${codec}`}`;
/** One message in this many carries the needle the benchmark looks for. */
export const needleEvery = 10_000;
export const needle = "needle-7f3a";

const statuses = ["created", "approved", "shipped", "rejected"];

/** An order event like the storefront's (about 300 bytes as JSON). */
export function orderEvent(i: number) {
  return {
    eventId: randomUUID(),
    type: "OrderChanged",
    aggregateId: `order-${i}`,
    occurredAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
    version: 1 + (i % 5),
    payload: {
      customerId: `customer-${i % 997}`,
      status: statuses[i % statuses.length]!,
      total: (i % 10_000) / 100,
      items: [{ sku: `sku-${i % 313}`, quantity: 1 + (i % 3) }],
      note: i % needleEvery === 7 ? needle : "regular order from the benchmark",
    },
  };
}

/** Writes `count` messages made by `message` into the topic's three partitions, in batches of 5,000 compressed with `codec`. */
export async function produceAll(kafka: Kafka, topic: string, count: number, codec: CompressionCodec, message: (i: number) => string | Buffer): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const batch = 5_000;
  const inFlight: Promise<unknown>[] = [];
  for (let first = 0; first < count; first += batch) {
    const messages = Array.from({ length: Math.min(batch, count - first) }, (_, j) => ({
      key: `order-${first + j}`,
      value: message(first + j),
      partition: (first + j) % 3,
    }));
    inFlight.push(producer.send({ topic, messages, compression: kafkajsCompression[codec], acks: 1 }));
    if (inFlight.length >= 8) await inFlight.shift();
  }
  await Promise.all(inFlight);
  await producer.disconnect();
}

export function benchKafka(): Kafka {
  return new Kafka({ clientId: "bench-kafka-search", brokers: stackAddresses.kafkaBrokers, logLevel: logLevel.NOTHING });
}

/** Creates and fills the benchmark topic, its batches compressed with `codec`, unless it already holds enough messages; returns how many it holds. */
export async function prepareSearchTopic(codec: CompressionCodec): Promise<number> {
  registerKafkajsCodecs();
  const topic = searchBenchTopic(codec);
  const kafka = benchKafka();
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = (await admin.listTopics()).includes(topic);
    if (existing) {
      const held = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      if (held >= searchBenchMessages) return held;
      console.error(`bench: ${topic} holds ${held} messages, fewer than ${searchBenchMessages}; producing it again`);
      await admin.deleteTopics({ topics: [topic] });
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    await admin.createTopics({ topics: [{ topic: topic, numPartitions: 3 }], waitForLeaders: true });
    console.error(
      `bench: producing ${searchBenchMessages} messages of ~300 bytes ${codec === "none" ? "" : ` (${codec})`} into ${topic} (once; later runs reuse it)…`,
    );
    const started = performance.now();
    await produceAll(kafka, topic, searchBenchMessages, codec, (i) => JSON.stringify(orderEvent(i)));
    console.error(`bench: produced in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return searchBenchMessages;
  } finally {
    await admin.disconnect();
  }
}
