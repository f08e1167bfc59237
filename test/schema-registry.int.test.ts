import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { KafkaMessage, ScanEvent } from "@/lib/schemas/kafka-messages";
import { produceWithConfluent, readWithConfluent, type SerdesKind } from "./support/python-serdes";
import { startReplayWorker, stopProcess, waitForJob } from "./support/replay";
import { callRoute } from "./support/route-call";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";

// Values written by serializers nobody here wrote — confluent-kafka's AvroSerializer,
// ProtobufSerializer and JSONSerializer (librdkafka underneath, lz4 and zstd batches) — against
// the stack's Schema Registry, decoded by the console and compared with what that library's own
// deserializer reads back.
vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
vi.stubEnv("SCHEMA_REGISTRY_URL", stackAddresses.schemaRegistryUrl);
const messagesRoute = await import("@/app/api/kafka/topics/[topic]/messages/route");
const messageRoute = await import("@/app/api/kafka/topics/[topic]/messages/[partition]/[offset]/route");
const { forgetSchemas } = await import("@/server/schema-registry/decoder");
const { planRepublish } = await import("@/server/replay/plan");
const { createReplayJob } = await import("@/server/replay/jobs");

const kafka = testKafka();
const admin = kafka.admin();
const producer = kafka.producer();
const topics: string[] = [];

async function newTopic(prefix: string): Promise<string> {
  const topic = uniqueName(prefix);
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  topics.push(topic);
  return topic;
}

async function browse(topic: string, filter = ""): Promise<{ messages: KafkaMessage[]; done: Extract<ScanEvent, { type: "done" }> }> {
  const query = new URLSearchParams({ start: "earliest", maxScan: "10000", maxMatches: "1000", filter });
  const { status, text } = await callRoute(messagesRoute.GET, "GET", `/api/kafka/topics/${topic}/messages?${query}`, { params: { topic } });
  expect(status).toBe(200);
  const events = text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => JSON.parse(block.slice(block.indexOf("data: ") + 6)) as ScanEvent);
  expect(events.filter((e) => e.type === "error")).toEqual([]);
  return {
    messages: events.flatMap((e) => (e.type === "message" ? [e.message] : [])),
    done: events.at(-1) as Extract<ScanEvent, { type: "done" }>,
  };
}

const byAddress = <T extends { partition: number; offset: number | string }>(records: T[]): T[] =>
  [...records].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));

beforeAll(async () => {
  await Promise.all([admin.connect(), producer.connect()]);
});

afterAll(async () => {
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await Promise.all([admin.disconnect(), producer.disconnect()]);
});

const cases: Array<{ kind: SerdesKind; type: string; codec: string; name: string }> = [
  { kind: "avro", type: "AVRO", codec: "lz4", name: "storefront.test.Order" },
  { kind: "protobuf", type: "PROTOBUF", codec: "zstd", name: "storefront.test.Order" },
  { kind: "json", type: "JSON", codec: "snappy", name: "Shipment" },
];

describe.each(cases)("$kind values from confluent-kafka's serializer ($codec batches)", ({ kind, type, codec, name }) => {
  let topic: string;
  let reference: ReturnType<typeof produceWithConfluent>;

  beforeAll(async () => {
    topic = await newTopic(`it-serdes-${kind}`);
    reference = produceWithConfluent(topic, kind, codec, 60);
    expect(reference).toHaveLength(60);
  }, 120_000);

  it("decode to exactly what its deserializer reads, with the subject, version and schema id beside", async () => {
    const { messages, done } = await browse(topic);
    expect(done).toMatchObject({ scanned: 60, matched: 60, unreadable: [] });
    const ours = byAddress(messages).map((m) => ({ partition: m.partition, offset: Number(m.offset), value: JSON.parse(m.value!.text) as unknown }));
    expect(ours).toEqual(byAddress(reference));
    for (const m of messages) {
      expect(m.value?.encoding).toBe("json");
      expect(m.value?.schema).toMatchObject({ type, subject: `${topic}-value`, version: 1, name });
      expect(m.value?.schema?.id).toBeGreaterThan(0);
      expect(m.key).toMatchObject({ encoding: "text", text: expect.stringMatching(/^k-\d+$/) });
    }
  });

  it("the single-message view decodes the same way and keeps the raw bytes", async () => {
    const first = byAddress(reference)[0]!;
    const { status, body } = await callRoute(messageRoute.GET, "GET", `/api/kafka/topics/${topic}/messages/${first.partition}/${first.offset}`, {
      params: { topic, partition: String(first.partition), offset: String(first.offset) },
    });
    expect(status).toBe(200);
    const message = body as KafkaMessage;
    expect(JSON.parse(message.value!.text)).toEqual(first.value);
    // The framing: a zero byte and the schema id, big-endian.
    expect(message.value!.raw!.slice(0, 10)).toBe(`00${message.value!.schema!.id.toString(16).padStart(8, "0")}`);
  });
});

describe("filters on decoded fields", () => {
  it("a JSON path reaches into Avro and Protobuf values", async () => {
    const avro = await newTopic("it-serdes-filter-avro");
    const avroRecords = produceWithConfluent(avro, "avro", "lz4", 30);
    const paid = avroRecords.filter((r) => (r.value as { status: string }).status === "PAID");
    const avroMatches = await browse(avro, 'value.status == "PAID"');
    expect(avroMatches.done).toMatchObject({ scanned: 30, matched: paid.length });
    expect(avroMatches.messages.map((m) => JSON.parse(m.value!.text).id as string).sort()).toEqual(paid.map((r) => (r.value as { id: string }).id).sort());
    // A nested array element of the decoded record.
    const twoLines = avroRecords.filter((r) => (r.value as { lines: unknown[] }).lines.length === 2);
    expect((await browse(avro, "value.lines[1].qty == 2")).done.matched).toBe(twoLines.length);

    const proto = await newTopic("it-serdes-filter-proto");
    const protoRecords = produceWithConfluent(proto, "protobuf", "lz4", 30);
    const big = protoRecords.filter((r) => ((r.value as { total?: number }).total ?? 0) > 40);
    expect(big.length).toBeGreaterThan(0);
    expect((await browse(proto, "value.total > 40")).done.matched).toBe(big.length);
  }, 120_000);
});

describe("replays of schema-encoded topics", () => {
  it("the dry run counts a filter on decoded Avro fields and shows its sample decoded; the job copies exactly those records", async () => {
    const source = await newTopic("it-serdes-replay-src");
    const target = await newTopic("it-serdes-replay-dst");
    const records = produceWithConfluent(source, "avro", "lz4", 30);
    const shipped = records.filter((r) => (r.value as { status: string }).status === "SHIPPED");
    const spec = {
      kind: "republish" as const,
      source: { topic: source, partitions: [], range: { kind: "all" as const } },
      filter: 'value.status == "SHIPPED"',
      target: { topic: target },
    };
    const plan = await planRepublish(spec);
    expect(plan).toMatchObject({ records: 30, matched: shipped.length, exact: true });
    expect(plan.sample.length).toBeGreaterThan(0);
    for (const m of plan.sample) {
      expect(m.value?.schema).toMatchObject({ type: "AVRO", subject: `${source}-value` });
      expect(JSON.parse(m.value!.text)).toMatchObject({ status: "SHIPPED" });
    }
    // The job runs in a replay worker process, as the console runs it.
    const worker = startReplayWorker();
    try {
      const job = await createReplayJob(spec, "test");
      const done = await waitForJob(job.id, (j) => j.state === "completed" || j.state === "failed");
      expect(done.state, done.error ?? worker.output.join("")).toBe("completed");
    } finally {
      await stopProcess(worker.child);
    }
    // The copies are the source's bytes: confluent-kafka's deserializer reads them as it wrote them.
    const copied = readWithConfluent(target, "avro").map((r) => r.value);
    expect(copied.map((v) => (v as { id: string }).id).sort()).toEqual(shipped.map((r) => (r.value as { id: string }).id).sort());
  }, 120_000);
});

describe("values the registry cannot decode", () => {
  it("an unknown schema id shows the bytes as hex with the reason; the other records still decode", async () => {
    const topic = await newTopic("it-serdes-unknown");
    produceWithConfluent(topic, "json", "none", 3);
    const unknown = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2, 3]);
    await producer.send({ topic, messages: [{ key: "bad", value: unknown, partition: 0 }] });
    const { messages, done } = await browse(topic);
    expect(done).toMatchObject({ scanned: 4, matched: 4 });
    const bad = messages.find((m) => m.key?.text === "bad")!;
    expect(bad.value).toMatchObject({
      encoding: "binary",
      text: unknown.toString("hex"),
      schemaError: `schema id ${0x7ffffff0} is unknown to the Schema Registry`,
    });
    expect(messages.filter((m) => m.value?.schema)).toHaveLength(3);
  });

  it("a registry that is down: hex and the reason for each framed value, and the page answers", async () => {
    const topic = await newTopic("it-serdes-down");
    produceWithConfluent(topic, "avro", "lz4", 4);
    vi.stubEnv("SCHEMA_REGISTRY_URL", "http://127.0.0.1:9/apis/ccompat/v7");
    delete (globalThis as { eventdeckConfig?: unknown }).eventdeckConfig;
    forgetSchemas();
    try {
      const { messages, done } = await browse(topic);
      expect(done).toMatchObject({ scanned: 4, matched: 4 });
      for (const m of messages) {
        expect(m.value?.encoding).toBe("binary");
        expect(m.value?.schemaError).toMatch(
          /^the Schema Registry could not give schema id \d+: The Schema Registry at http:\/\/127\.0\.0\.1:9\/apis\/ccompat\/v7 is unavailable/,
        );
      }
    } finally {
      vi.stubEnv("SCHEMA_REGISTRY_URL", stackAddresses.schemaRegistryUrl);
      delete (globalThis as { eventdeckConfig?: unknown }).eventdeckConfig;
      forgetSchemas();
    }
  });
});
