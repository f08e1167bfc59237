import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { compileSchema } from "../server/schema-registry/decoder";
import { writeFraming } from "../server/schema-registry/wire";
import { kafkajsCompression, registerKafkajsCodecs } from "../server/kafka/kafkajs-codecs";
import { installSerdesPython } from "../stack/python";
import { stackAddresses } from "../test/support/stack";
import { benchKafka, needle, needleEvery, searchBenchMessages } from "./kafka-search-topic";

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const topic = process.env.BENCH_SEARCH_TOPIC ?? `eventdeck-bench-search-avro-${searchBenchMessages}`;
const filter = `payload.note == "${needle}"`;

/** The storefront's order event as an Avro record (about 130 bytes encoded). */
const schema = {
  type: "record",
  name: "OrderEvent",
  namespace: "bench.storefront",
  fields: [
    { name: "eventId", type: { type: "string", logicalType: "uuid" } },
    { name: "type", type: "string" },
    { name: "aggregateId", type: "string" },
    { name: "occurredAt", type: { type: "long", logicalType: "timestamp-millis" } },
    { name: "version", type: "int" },
    {
      name: "payload",
      type: {
        type: "record",
        name: "Order",
        fields: [
          { name: "customerId", type: "string" },
          { name: "status", type: { type: "enum", name: "Status", symbols: ["created", "approved", "shipped", "rejected"] } },
          { name: "total", type: { type: "bytes", logicalType: "decimal", precision: 10, scale: 2 } },
          {
            name: "items",
            type: {
              type: "array",
              items: {
                type: "record",
                name: "Item",
                fields: [
                  { name: "sku", type: "string" },
                  { name: "quantity", type: "int" },
                ],
              },
            },
          },
          { name: "note", type: ["null", "string"], default: null },
        ],
      },
    },
  ],
};
const statuses = ["created", "approved", "shipped", "rejected"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Registers the schema under `<topic>-value` (the same id when it is there already) and fills the topic with lz4 batches, once. */
async function prepareAvroTopic(): Promise<number> {
  registerKafkajsCodecs();
  const registered = await fetch(`${stackAddresses.schemaRegistryUrl}/subjects/${topic}-value/versions`, {
    method: "POST",
    headers: { "content-type": "application/vnd.schemaregistry.v1+json" },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  if (!registered.ok) throw new Error(`the Schema Registry refused the bench's schema: ${registered.status} ${await registered.text()}`);
  const { id } = (await registered.json()) as { id: number };
  const kafka = benchKafka();
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(topic)) {
      const held = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      if (held === searchBenchMessages) return held;
      await admin.deleteTopics({ topics: [topic] });
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    console.error(`bench: producing ${searchBenchMessages} Avro values (schema id ${id}, lz4) into ${topic} (once; later runs reuse it)…`);
    const codec = compileSchema({ schemaType: "AVRO", schema: JSON.stringify(schema), references: [] });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const batch = 5_000;
    const inFlight: Promise<unknown>[] = [];
    for (let first = 0; first < searchBenchMessages; first += batch) {
      const messages = Array.from({ length: Math.min(batch, searchBenchMessages - first) }, (_, j) => {
        const i = first + j;
        const encoded = codec.encode({
          eventId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
          type: "OrderChanged",
          aggregateId: `order-${i}`,
          occurredAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
          version: 1 + (i % 5),
          payload: {
            customerId: `customer-${i % 997}`,
            status: statuses[i % statuses.length],
            total: ((i % 10_000) / 100).toFixed(2),
            items: [{ sku: `sku-${i % 313}`, quantity: 1 + (i % 3) }],
            note: { string: i % needleEvery === 7 ? needle : "regular order from the benchmark" },
          },
        });
        if (!("bytes" in encoded)) throw new Error(`the bench's value does not fit its schema: ${JSON.stringify(encoded.problems)}`);
        return { key: `order-${i}`, value: writeFraming(id, encoded.bytes), partition: i % 3 };
      });
      inFlight.push(producer.send({ topic, messages, compression: kafkajsCompression.lz4, acks: 1 }));
      if (inFlight.length >= 8) await inFlight.shift();
    }
    await Promise.all(inFlight);
    await producer.disconnect();
    return searchBenchMessages;
  } finally {
    await admin.disconnect();
  }
}

/** Ours: the messages route in process with a JSON-path filter, each value decoded with its schema from the registry. */
async function oursRound(messages: number, expected: number): Promise<number> {
  const route = await import("../app/api/kafka/topics/[topic]/messages/route");
  const query = new URLSearchParams({ start: "earliest", filter, maxScan: String(messages), maxMatches: "1000" });
  const started = performance.now();
  const response = await route.GET(new Request(`http://localhost/api/kafka/topics/${topic}/messages?${query}`), { params: Promise.resolve({ topic }) });
  const body = await response.text();
  const seconds = (performance.now() - started) / 1000;
  const done = body
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => JSON.parse(line.slice(6)) as { type: string; scanned?: number; matched?: number })
    .at(-1);
  if (done?.type !== "done" || done.scanned !== messages || done.matched !== expected)
    throw new Error(`our scan ended with ${JSON.stringify(done)}; expected ${messages} scanned and ${expected} matches`);
  return messages / seconds;
}

/** The peer: librdkafka + fastavro through confluent-kafka, the same predicate in Python. */
function peerRound(python: string, messages: number, expected: number): number {
  const out = execFileSync(
    python,
    [join(import.meta.dirname, "python", "avro_filter.py"), stackAddresses.kafkaBrokers.join(","), stackAddresses.schemaRegistryUrl, topic, needle],
    {
      encoding: "utf8",
      maxBuffer: 1024 * 1024,
    },
  );
  const result = JSON.parse(out.trim().split("\n").at(-1)!) as { messages: number; matches: number; seconds: number };
  if (result.messages !== messages || result.matches !== expected)
    throw new Error(`the peer read ${JSON.stringify(result)}; expected ${messages} messages and ${expected} matches`);
  return messages / result.seconds;
}

/**
 * Messages per second through a JSON-path filter over 1,000,000 Avro values in the Confluent
 * framing (lz4 batches): the console's server-side search, decoding each value with its
 * registry schema, against confluent-kafka's consumer and AvroDeserializer evaluating the same
 * predicate. Rounds alternate; medians reported.
 */
export async function benchKafkaSearchAvro() {
  const python = installSerdesPython();
  const messages = await prepareAvroTopic();
  const expected = Math.floor((messages - 8) / needleEvery) + 1;
  await oursRound(messages, expected);
  peerRound(python, messages, expected);
  const ours: number[] = [];
  const peer: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const oursFirst = round % 2 === 0;
    if (oursFirst) ours.push(await oursRound(messages, expected));
    peer.push(peerRound(python, messages, expected));
    if (!oursFirst) ours.push(await oursRound(messages, expected));
    console.error(`bench: round ${round + 1}: ours ${Math.round(ours.at(-1)!)} messages/s, confluent-kafka + fastavro ${Math.round(peer.at(-1)!)} messages/s`);
  }
  const oursValue = Math.round(median(ours));
  const peerValue = Math.round(median(peer));
  return {
    bench: "kafka-search-avro",
    unit: "messages/s",
    ours: oursValue,
    oursDoes: `the messages route handler in process: GET /api/kafka/topics/${topic}/messages?start=earliest&filter=${filter}&maxScan=${messages} — Fetch of every partition, lz4 decompression, each value's schema id looked up (fetched from the registry once), the Avro value decoded and the JSON path tested, the event stream read to its end`,
    peer: "confluent-kafka + fastavro",
    peerDoes: `confluent-kafka 2.16.1 (librdkafka) Consumer assigned every partition from offset 0, consume() in batches of 10,000 to each partition's end, AvroDeserializer (fastavro, schema fetched once) on every value and value["payload"]["note"] == "${needle}"; timed from the consumer's creation`,
    peerValue,
    ratio: Number((oursValue / peerValue).toFixed(2)),
    higherIsBetter: true,
    n: rounds,
    warmup: 1,
    messages,
    compression: "lz4",
    matches: expected,
  };
}
