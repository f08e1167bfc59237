// Longer than 300 lines on purpose: the browsing cases share one topic produced once in beforeAll
// (messages across partitions, hours and headers); split, each file would produce it again.
import { CompressionTypes, type Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { KafkaMessage, ScanEvent } from "@/lib/schemas/kafka-messages";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";

vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
const messagesRoute = await import("@/app/api/kafka/topics/[topic]/messages/route");
const messageRoute = await import("@/app/api/kafka/topics/[topic]/messages/[partition]/[offset]/route");
const { planScan, scanMessages } = await import("@/server/kafka/messages");
const { browseQuerySchema } = await import("@/lib/schemas/kafka-messages");

const topic = uniqueName("it-messages");
const produceTopic = uniqueName("it-produce");
const kafka = testKafka();
let admin: Admin;
/** Partition 0's messages are one second apart from here on. */
const t0 = Date.now() - 3_600_000;

type Handler = (request: Request, context: never) => Promise<Response>;

function context(params: Record<string, string>): never {
  return { params: Promise.resolve(params) } as never;
}

async function browse(query: string, options: { topicName?: string; signal?: AbortSignal } = {}) {
  const name = options.topicName ?? topic;
  const response = await (messagesRoute.GET as Handler)(
    new Request(`http://localhost/api/kafka/topics/${name}/messages?${query}`, { signal: options.signal }),
    context({ topic: name }),
  );
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    return { status: response.status, error: (await response.json()).error as { code: string; message: string }, events: [] as ScanEvent[] };
  }
  const events = (await response.text())
    .split("\n\n")
    .filter(Boolean)
    .map(
      (block) =>
        JSON.parse(
          block
            .split("\n")
            .find((line) => line.startsWith("data: "))!
            .slice(6),
        ) as ScanEvent,
    );
  const messages = events.flatMap((e) => (e.type === "message" ? [e.message] : []));
  const done = events.at(-1) as Extract<ScanEvent, { type: "done" }>;
  return { status: response.status, error: undefined, events, messages, done };
}

const offsetsOf = (messages: KafkaMessage[] = []) => messages.map((m) => `${m.partition}:${m.offset}`).sort();

async function produce(topicName: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await (messagesRoute.POST as Handler)(
    new Request(`http://localhost/api/kafka/topics/${topicName}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-eventdeck-csrf": "1", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    context({ topic: topicName }),
  );
  return { status: response.status, body: await response.json() };
}

async function readOne(topicName: string, partition: string, offset: string) {
  const response = await (messageRoute.GET as Handler)(
    new Request(`http://localhost/api/kafka/topics/${topicName}/messages/${partition}/${offset}`),
    context({ topic: topicName, partition, offset }),
  );
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic, numPartitions: 3 },
      { topic: produceTopic, numPartitions: 3 },
    ],
    waitForLeaders: true,
  });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: 20 }, (_, i) => ({
      partition: 0,
      key: `k${i}`,
      value: JSON.stringify({ i, payload: { status: i % 4 === 3 ? "rejected" : "approved", total: i * 10 } }),
      headers: { traceId: `t-${i}` },
      timestamp: String(t0 + i * 1000),
    })),
  });
  await producer.send({
    topic,
    messages: [
      ...Array.from({ length: 5 }, (_, i) => ({ partition: 1, key: null, value: `hello ${i}`, timestamp: String(t0 + i * 1000) })),
      { partition: 1, key: "bin", value: Buffer.from([0, 1, 2, 255]), timestamp: String(t0) },
    ],
  });
  await producer.disconnect();
}, 60_000);

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic, produceTopic] }).catch(() => undefined);
  await admin.disconnect();
});

describe("browsing messages on the real broker", () => {
  it("reads every partition from the earliest offset to the end, decoding JSON, text and binary", async () => {
    const { status, messages, done, events } = await browse("start=earliest&maxMatches=1000");
    expect(status).toBe(200);
    expect(events[0]).toMatchObject({
      type: "start",
      total: 26,
      ranges: [
        { partition: 0, from: "0", to: "20" },
        { partition: 1, from: "0", to: "6" },
        { partition: 2, from: "0", to: "0" },
      ],
    });
    expect(messages).toHaveLength(26);
    expect(done).toMatchObject({ type: "done", reason: "end", scanned: 26, matched: 26 });
    const first = messages!.find((m) => m.partition === 0 && m.offset === "0")!;
    expect(first).toMatchObject({
      timestamp: String(t0),
      key: { encoding: "text", text: "k0" },
      value: { encoding: "json", text: '{"i":0,"payload":{"status":"approved","total":0}}' },
      headers: [{ name: "traceId", value: { encoding: "text", text: "t-0" } }],
    });
    expect(messages!.find((m) => m.partition === 1 && m.offset === "0")).toMatchObject({ key: null, value: { encoding: "text", text: "hello 0" } });
    expect(messages!.find((m) => m.key?.text === "bin")?.value).toEqual({ encoding: "binary", text: "000102ff", size: 4, truncated: false });
  });

  it("starts at the last N of each partition, at an offset, or at a time", async () => {
    const latest = await browse("partitions=0&start=latest&count=3");
    expect(offsetsOf(latest.messages)).toEqual(["0:17", "0:18", "0:19"]);
    const latestAll = await browse("start=latest&count=2");
    expect(offsetsOf(latestAll.messages)).toEqual(["0:18", "0:19", "1:4", "1:5"]);
    const fromOffset = await browse("partitions=0&start=offset&offset=15");
    expect(offsetsOf(fromOffset.messages)).toEqual(["0:15", "0:16", "0:17", "0:18", "0:19"]);
    const pastEnd = await browse("partitions=0&start=offset&offset=500");
    expect(pastEnd.messages).toEqual([]);
    expect(pastEnd.done).toMatchObject({ reason: "end", scanned: 0 });
    const fromTime = await browse(`start=timestamp&timestamp=${new Date(t0 + 15_000).toISOString()}`);
    expect(offsetsOf(fromTime.messages)).toEqual(["0:15", "0:16", "0:17", "0:18", "0:19"]);
    const fromMillis = await browse(`partitions=0&start=timestamp&timestamp=${t0 + 18_000}`);
    expect(offsetsOf(fromMillis.messages)).toEqual(["0:18", "0:19"]);
  });

  it("filters on the server by key, value and header substrings and by JSON path equality", async () => {
    const filtered = async (filter: string) => {
      const result = await browse(`start=earliest&filter=${encodeURIComponent(filter)}`);
      expect(result.done?.scanned, filter).toBe(26);
      return offsetsOf(result.messages);
    };
    expect(await filtered('value contains "hello 3"')).toEqual(["1:3"]);
    expect(await filtered('key == "k7"')).toEqual(["0:7"]);
    expect(await filtered('key contains "k1"')).toHaveLength(11);
    expect(await filtered('header.traceId == "t-5"')).toEqual(["0:5"]);
    expect(await filtered('header.traceId contains "-1"')).toHaveLength(11);
    expect(await filtered('payload.status == "rejected"')).toEqual(["0:11", "0:15", "0:19", "0:3", "0:7"]);
    expect(await filtered('payload.status == "rejected" and payload.total >= 150')).toEqual(["0:15", "0:19"]);
    expect(await filtered("key == null")).toHaveLength(5);
    expect(await filtered('not value contains "approved" and partition == 0')).toHaveLength(5);
  });

  it("says when the scan cap or the match cap ended the read", async () => {
    const scanCap = await browse("start=earliest&maxScan=10&filter=" + encodeURIComponent('value contains "rejected"'));
    expect(scanCap.done).toMatchObject({ reason: "scan-cap", scanned: 10 });
    const matchCap = await browse("start=earliest&maxMatches=2");
    expect(matchCap.messages).toHaveLength(2);
    expect(matchCap.done).toMatchObject({ reason: "match-cap", matched: 2 });
  });

  it("stops reading as soon as the request is aborted", async () => {
    const abort = new AbortController();
    const pending = browse("start=earliest", { signal: abort.signal });
    abort.abort();
    const { done } = await pending;
    expect(done).toMatchObject({ reason: "stopped", scanned: 0 });

    const plan = await planScan(topic, browseQuerySchema.parse({ start: "earliest" }));
    const events = [];
    for await (const event of scanMessages(plan, AbortSignal.abort())) events.push(event);
    expect(events.map((e) => e.type)).toEqual(["start", "done"]);
  });

  it("ends a long read in the middle when stopped, without reading the rest", async () => {
    const longTopic = uniqueName("it-messages-long");
    await admin.createTopics({ topics: [{ topic: longTopic, numPartitions: 1 }], waitForLeaders: true });
    try {
      const producer = kafka.producer();
      await producer.connect();
      for (let batch = 0; batch < 10; batch++) {
        await producer.send({
          topic: longTopic,
          messages: Array.from({ length: 2_000 }, (_, i) => ({ value: `message ${batch * 2_000 + i} ${"x".repeat(200)}` })),
        });
      }
      await producer.disconnect();
      const plan = await planScan(longTopic, browseQuerySchema.parse({ start: "earliest", maxScan: "1000000", filter: 'value contains "00 x"' }));
      const stop = new AbortController();
      const seen: ScanEvent[] = [];
      for await (const event of scanMessages(plan, stop.signal)) {
        seen.push(event);
        if (event.type === "message") stop.abort();
      }
      const done = seen.at(-1) as Extract<ScanEvent, { type: "done" }>;
      expect(done.reason).toBe("stopped");
      expect(done.scanned).toBeGreaterThan(0);
      expect(done.scanned).toBeLessThan(20_000);
    } finally {
      await admin.deleteTopics({ topics: [longTopic] }).catch(() => undefined);
    }
  });

  it("reads every partition when their record batches are larger than a first fetch asks for", async () => {
    const bigTopic = uniqueName("it-messages-big");
    await admin.createTopics({ topics: [{ topic: bigTopic, numPartitions: 3 }], waitForLeaders: true });
    try {
      const producer = kafka.producer();
      await producer.connect();
      // One send per partition: one record batch of ~600 KB each.
      for (const partition of [0, 1, 2]) {
        await producer.send({
          topic: bigTopic,
          messages: Array.from({ length: 3_000 }, (_, i) => ({ partition, value: JSON.stringify({ i, last: i === 2_999, pad: "x".repeat(180) }) })),
        });
      }
      await producer.disconnect();
      for (const filter of ['value contains "\\"last\\":true"', "last == true"]) {
        const result = await browse(`start=earliest&maxScan=100000&filter=${encodeURIComponent(filter)}`, { topicName: bigTopic });
        expect(result.done, filter).toMatchObject({ reason: "end", scanned: 9_000, matched: 3 });
        expect(offsetsOf(result.messages), filter).toEqual(["0:2999", "1:2999", "2:2999"]);
      }
    } finally {
      await admin.deleteTopics({ topics: [bigTopic] }).catch(() => undefined);
    }
  });

  it("reads gzip-compressed batches", async () => {
    const gzipTopic = uniqueName("it-messages-gzip");
    await admin.createTopics({ topics: [{ topic: gzipTopic, numPartitions: 1 }], waitForLeaders: true });
    try {
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: gzipTopic,
        compression: CompressionTypes.GZIP,
        messages: Array.from({ length: 200 }, (_, i) => ({ key: `g${i}`, value: JSON.stringify({ i, even: i % 2 === 0 }), headers: { n: String(i) } })),
      });
      await producer.disconnect();
      const found = await browse(`start=earliest&filter=${encodeURIComponent('header.n == "150" or key == "g7"')}`, { topicName: gzipTopic });
      expect(found.done).toMatchObject({ reason: "end", scanned: 200, matched: 2 });
      expect(found.messages?.map((m) => m.value?.text).sort()).toEqual(['{"i":150,"even":true}', '{"i":7,"even":false}']);
      expect((await readOne(gzipTopic, "0", "42")).body).toMatchObject({ key: { text: "g42" }, headers: [{ name: "n", value: { text: "42" } }] });
    } finally {
      await admin.deleteTopics({ topics: [gzipTopic] }).catch(() => undefined);
    }
  });

  it("answers 404 for an unknown topic and 400 for bad input, with the reason", async () => {
    expect(await browse("start=earliest", { topicName: "no-such-topic-messages" })).toMatchObject({ status: 404, error: { code: "TOPIC_NOT_FOUND" } });
    const badFilter = await browse("filter=" + encodeURIComponent('payload.status = "x"'));
    expect(badFilter).toMatchObject({ status: 400, error: { code: "BAD_REQUEST" } });
    expect(badFilter.error?.message).toBe('filter: Unexpected "=" (compare with "==") at position 16');
    const unterminated = await browse("filter=" + encodeURIComponent('key == "k1'));
    expect(unterminated.error?.message).toMatch(/filter: Unterminated string at position 8/);
    for (const query of [
      "maxScan=2000000",
      "maxScan=0",
      "maxMatches=5000",
      "start=offset",
      "start=timestamp&timestamp=yesterday",
      "start=sideways",
      "partitions=a,b",
      "count=-1",
    ]) {
      const result = await browse(query);
      expect(result.status, query).toBe(400);
      expect(result.error?.code, query).toBe("BAD_REQUEST");
    }
    expect((await browse("maxScan=2000000")).error?.message).toMatch(/maxScan/);
    const noPartition = await browse("partitions=7");
    expect(noPartition).toMatchObject({ status: 400, error: { message: `Topic "${topic}" has partitions 0–2; there is no partition 7` } });
  });

  it("reads one message by partition and offset, and 404s an offset that is not there", async () => {
    const one = await readOne(topic, "0", "7");
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body).toMatchObject({ partition: 0, offset: "7", key: { text: "k7" }, value: { encoding: "json" } });
    expect(await readOne(topic, "0", "20")).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(await readOne(topic, "9", "0")).toMatchObject({ status: 400 });
    expect(await readOne(topic, "0", "x")).toMatchObject({ status: 400 });
    expect(await readOne("no-such-topic-messages", "0", "0")).toMatchObject({ status: 404, body: { error: { code: "TOPIC_NOT_FOUND" } } });
  });
});

describe("producing a message on the real broker", () => {
  it("writes key, value and headers to the chosen partition and reads them back", async () => {
    const value = JSON.stringify({ orderId: "o-1", status: "rejected" });
    const written = await produce(produceTopic, {
      key: "order-o-1",
      value,
      valueFormat: "json",
      headers: [
        { name: "traceId", value: "trace-xyz" },
        { name: "tag", value: "a" },
        { name: "tag", value: "b" },
      ],
      partition: 2,
    });
    expect(written).toEqual({ status: 201, body: { topic: produceTopic, partition: 2, offset: "0" } });
    const back = await readOne(produceTopic, "2", "0");
    expect(back.body).toMatchObject({
      partition: 2,
      offset: "0",
      key: { encoding: "text", text: "order-o-1" },
      value: { encoding: "json", text: value },
      headers: [
        { name: "traceId", value: { text: "trace-xyz" } },
        { name: "tag", value: { text: "a" } },
        { name: "tag", value: { text: "b" } },
      ],
    });
    const found = await browse(`start=earliest&filter=${encodeURIComponent('header.traceId == "trace-xyz"')}`, { topicName: produceTopic });
    expect(offsetsOf(found.messages)).toEqual(["2:0"]);

    const plain = await produce(produceTopic, { key: null, value: "not json at all" });
    expect(plain.status).toBe(201);
    expect((await readOne(produceTopic, String(plain.body.partition), plain.body.offset)).body).toMatchObject({
      key: null,
      value: { encoding: "text", text: "not json at all" },
    });
  });

  it("keeps producing after a topic it wrote to was deleted elsewhere", async () => {
    const gone = uniqueName("it-produce-gone");
    const fresh = uniqueName("it-produce-fresh");
    await admin.createTopics({ topics: [{ topic: gone }, { topic: fresh }], waitForLeaders: true });
    try {
      expect((await produce(gone, { value: "soon gone" })).status).toBe(201);
      await admin.deleteTopics({ topics: [gone] });
      expect(await produce(fresh, { value: "still works" })).toMatchObject({ status: 201, body: { topic: fresh, offset: "0" } });
      expect((await browse("start=earliest", { topicName: fresh })).done).toMatchObject({ scanned: 1 });
    } finally {
      await admin.deleteTopics({ topics: [gone, fresh] }).catch(() => undefined);
    }
  });

  it("refuses invalid JSON, a missing partition, an unknown topic, oversized and cross-site requests", async () => {
    const badJson = await produce(produceTopic, { value: "{status: rejected}", valueFormat: "json" });
    expect(badJson).toMatchObject({ status: 400, body: { error: { code: "BAD_REQUEST" } } });
    expect(badJson.body.error.message).toMatch(/^value: not valid JSON/);
    expect(await produce(produceTopic, "{not json")).toMatchObject({ status: 400, body: { error: { message: "The body must be JSON" } } });
    expect(await produce(produceTopic, { value: "x", partition: 3 })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/no partition 3/) } },
    });
    expect(await produce(produceTopic, { value: "x", headers: [{ name: "", value: "y" }] })).toMatchObject({ status: 400 });
    expect(await produce("no-such-topic-produce", { value: "x" })).toMatchObject({ status: 404, body: { error: { code: "TOPIC_NOT_FOUND" } } });
    const tooLarge = await produce(produceTopic, { value: "x".repeat(1024 * 1024 + 10) });
    expect(tooLarge).toMatchObject({ status: 413, body: { error: { code: "TOO_LARGE" } } });
    expect(tooLarge.body.error.message).toMatch(/larger than 1 MiB/);
    expect(await produce(produceTopic, { value: "x" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toMatchObject({ status: 403 });
    // Nothing of the refused messages was written: only the two from the previous test.
    const all = await browse("start=earliest", { topicName: produceTopic });
    expect(all.done).toMatchObject({ scanned: 2 });
  });
});
