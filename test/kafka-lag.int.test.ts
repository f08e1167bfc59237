import type { Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ConsumerGroupLag } from "@/lib/schemas/kafka";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";

vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
const { invalidate } = await import("@/server/cache");
const groupsRoute = await import("@/app/api/kafka/groups/route");

const kafka = testKafka();
const aged = uniqueName("it-lag-aged");
const transactional = uniqueName("it-lag-txn");
const agedGroup = uniqueName("it-lag-aged-group");
const markerGroup = uniqueName("it-lag-marker-group");
const openGroup = uniqueName("it-lag-open-group");
let admin: Admin;

async function groups(): Promise<Map<string, ConsumerGroupLag>> {
  invalidate("kafka:");
  const response = await groupsRoute.GET(new Request("http://localhost/api/kafka/groups"), undefined as never);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { groups: ConsumerGroupLag[] };
  return new Map(body.groups.map((g) => [g.groupId, g]));
}

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: aged, numPartitions: 1 },
      { topic: transactional, numPartitions: 1 },
    ],
    waitForLeaders: true,
  });
  const producer = kafka.producer();
  await producer.connect();
  // Messages stamped 90 s and 30 s ago: the group below has read neither.
  const now = Date.now();
  await producer.send({
    topic: aged,
    messages: [
      { value: "read", timestamp: String(now - 120_000) },
      { value: "oldest unread", timestamp: String(now - 90_000) },
      { value: "newer", timestamp: String(now - 30_000) },
    ],
  });
  await producer.disconnect();
  await admin.setOffsets({ groupId: agedGroup, topic: aged, partitions: [{ partition: 0, offset: "1" }] });
}, 60_000);

afterAll(async () => {
  await admin.deleteGroups([agedGroup, markerGroup, openGroup]).catch(() => undefined);
  await admin.deleteTopics({ topics: [aged, transactional] }).catch(() => undefined);
  await admin.disconnect();
});

describe("lag in seconds and around transactions", () => {
  it("reports the age of the oldest unread message per partition and per group", async () => {
    const group = (await groups()).get(agedGroup)!;
    expect(group.totalLag).toBe("2");
    const [partition] = group.partitions;
    // 90 s old when produced; allow for the time the test itself takes.
    expect(partition!.lagSeconds).toBeGreaterThanOrEqual(89);
    expect(partition!.lagSeconds).toBeLessThan(150);
    expect(group.lagSeconds).toBe(partition!.lagSeconds);
  });

  it("does not count a commit marker as lag, and keeps an open transaction's records apart", async () => {
    const producer = kafka.producer({ transactionalId: uniqueName("it-txn"), idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const committed = await producer.transaction();
    await committed.send({ topic: transactional, messages: [{ value: "a" }, { value: "b" }, { value: "c" }] });
    await committed.commit();
    // Records 0–2, the commit marker at 3: a reader that stopped after "c" has nothing left to read.
    await admin.setOffsets({ groupId: markerGroup, topic: transactional, partitions: [{ partition: 0, offset: "3" }] });

    const open = await producer.transaction();
    await open.send({ topic: transactional, messages: [{ value: "d" }, { value: "e" }] });
    // The open transaction's records sit at 4 and 5, past the last stable offset (4).
    await admin.setOffsets({ groupId: openGroup, topic: transactional, partitions: [{ partition: 0, offset: "4" }] });
    try {
      const all = await groups();
      const marker = all.get(markerGroup)!.partitions[0]!;
      expect(marker.endOffset).toBe("6");
      const openLag = all.get(openGroup)!.partitions[0]!;
      expect(openLag).toMatchObject({ committedOffset: "4", lag: "0", inOpenTransactions: "2", lagSeconds: null });
      // The first group read up to the marker: what is left for it is only the open transaction.
      expect(marker).toMatchObject({ committedOffset: "3", lag: "0", inOpenTransactions: "2" });
    } finally {
      await open.abort();
      await producer.disconnect();
    }
    // After the abort (its marker at 6) the stable offset is the end again and nothing is waiting.
    const after = (await groups()).get(openGroup)!.partitions[0]!;
    expect(after).toMatchObject({ endOffset: "7", inOpenTransactions: "0", lag: "0" });
  });
});
