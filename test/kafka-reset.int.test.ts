import type { Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";

vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
const { POST } = await import("@/app/api/kafka/groups/[group]/reset-offsets/route");

const topic = uniqueName("it-reset");
const groupId = uniqueName("it-reset-group");
const kafka = testKafka();
let admin: Admin;

async function reset(group: string, body: unknown, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost/api/kafka/groups/${group}/reset-offsets`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-eventdeck-csrf": "1", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await POST(request, { params: Promise.resolve({ group }) });
  return { status: response.status, body: await response.json() };
}

async function committed(): Promise<Record<number, string>> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return Object.fromEntries(offsets!.partitions.map((p) => [p.partition, p.offset]));
}

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: `m${i}`, partition: i % 2 })) });
  await producer.disconnect();
  await admin.setOffsets({
    groupId,
    topic,
    partitions: [
      { partition: 0, offset: "3" },
      { partition: 1, offset: "1" },
    ],
  });
}, 60_000);

afterAll(async () => {
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe("reset offsets", () => {
  it("shows what would change in a dry run and writes nothing", async () => {
    const { status, body } = await reset(groupId, { topic, to: { kind: "latest" } });
    expect(status).toBe(200);
    expect(body).toEqual({
      groupId,
      dryRun: true,
      changes: [
        { topic, partition: 0, current: "3", target: "5" },
        { topic, partition: 1, current: "1", target: "5" },
      ],
    });
    expect(await committed()).toEqual({ 0: "3", 1: "1" });
  });

  it("shifts within the partition's bounds", async () => {
    const { body } = await reset(groupId, { topic, to: { kind: "shift", by: -2 } });
    expect(body.changes.map((c: { target: string }) => c.target)).toEqual(["1", "0"]);
  });

  it("writes the new offsets when dryRun is false", async () => {
    const { status, body } = await reset(groupId, { topic, to: { kind: "earliest" }, dryRun: false });
    expect(status).toBe(200);
    expect(body.dryRun).toBe(false);
    expect(await committed()).toEqual({ 0: "0", 1: "0" });
  });

  it("refuses with 409 while the group has active members", async () => {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({ eachMessage: async () => undefined });
    await joined;
    try {
      const { status, body } = await reset(groupId, { topic, to: { kind: "latest" }, dryRun: false });
      expect(status).toBe(409);
      expect(body.error.code).toBe("GROUP_ACTIVE");
      expect(body.error.message).toMatch(/1 active member/);
    } finally {
      await consumer.disconnect();
    }
  });

  it("answers bad input with 400, unknown groups and topics with 404, and cross-site requests with 403", async () => {
    expect((await reset(groupId, "{not json")).status).toBe(400);
    const badTarget = await reset(groupId, { topic, to: { kind: "offset", offset: "-5" } });
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.error.message).toMatch(/to\.offset/);
    expect((await reset(uniqueName("no-group"), { topic, to: { kind: "earliest" } })).status).toBe(404);
    expect((await reset(groupId, { topic: "no-such-topic-reset", to: { kind: "earliest" } })).status).toBe(404);
    expect((await reset(groupId, { topic, to: { kind: "earliest" } }, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await reset(groupId, { topic, to: { kind: "earliest" } }, { origin: "https://evil.example" })).status).toBe(403);
  });
});
