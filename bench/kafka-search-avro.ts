import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { compileSchema } from "../server/schema-registry/decoder";
import { writeFraming } from "../server/schema-registry/wire";
import { registerKafkajsCodecs } from "../server/kafka/kafkajs-codecs";
import { envelopeAvroFields } from "../services/shared/avro-events";
import { installSerdesPython } from "../stack/python";
import { stackAddresses } from "../test/support/stack";
import { median } from "./kafka-fixture";
import { searchRound } from "./kafka-search";
import { benchKafka, needle, needleEvery, orderEvent, produceAll, searchBenchMessages } from "./kafka-search-topic";

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const topic = process.env.BENCH_SEARCH_TOPIC ?? `eventdeck-bench-search-avro-${searchBenchMessages}`;
const filter = `payload.note == "${needle}"`;

/** The storefront's order event as an Avro record (its envelope as fulfillment writes it; about 130 bytes encoded). */
const schema = {
  type: "record",
  name: "OrderEvent",
  namespace: "bench.storefront",
  fields: [
    ...envelopeAvroFields,
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
    await produceAll(kafka, topic, searchBenchMessages, "lz4", (i) => {
      const event = orderEvent(i);
      // Avro's JSON: the decimal as its digits, the union's branch named.
      const encoded = codec.encode({ ...event, payload: { ...event.payload, total: event.payload.total.toFixed(2), note: { string: event.payload.note } } });
      if (!("bytes" in encoded)) throw new Error(`the bench's value does not fit its schema: ${JSON.stringify(encoded.problems)}`);
      return writeFraming(id, encoded.bytes);
    });
    return searchBenchMessages;
  } finally {
    await admin.disconnect();
  }
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
  await searchRound(topic, messages, expected, filter);
  peerRound(python, messages, expected);
  const ours: number[] = [];
  const peer: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const oursFirst = round % 2 === 0;
    if (oursFirst) ours.push(await searchRound(topic, messages, expected, filter));
    peer.push(peerRound(python, messages, expected));
    if (!oursFirst) ours.push(await searchRound(topic, messages, expected, filter));
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
