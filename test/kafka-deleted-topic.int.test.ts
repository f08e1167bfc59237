import { afterAll, describe, expect, it, vi } from "vitest";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";

vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
const resetRoute = await import("@/app/api/kafka/groups/[group]/reset-offsets/route");
const groupsRoute = await import("@/app/api/kafka/groups/route");
const overviewRoute = await import("@/app/api/kafka/overview/route");
const topicsRoute = await import("@/app/api/kafka/topics/route");

const kafka = testKafka();
const topic = uniqueName("it-deleted");
const groupId = uniqueName("it-deleted-group");

afterAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
});

/** The status, and the body when it is not a 200 (the reason shows in a failure). */
const get = async (handler: (r: Request, c: never) => Promise<Response>) => {
  const response = await handler(new Request("http://localhost/api/kafka"), { params: Promise.resolve({}) } as never);
  return response.status === 200 ? 200 : `${response.status} ${await response.text()}`;
};

describe("a topic deleted behind the console's back", () => {
  it("does not break later calls of clients that once read it", async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: "a" }] });
    await producer.disconnect();
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: "0" }] });

    // A reset to a time makes the console's admin client read this topic's offsets…
    const preview = await resetRoute.POST(
      new Request(`http://localhost/api/kafka/groups/${groupId}/reset-offsets`, {
        method: "POST",
        headers: { "x-eventdeck-csrf": "1" },
        body: JSON.stringify({ topic, to: { kind: "timestamp", timestamp: new Date(Date.now() - 60_000).toISOString() } }),
      }),
      { params: Promise.resolve({ group: groupId }) },
    );
    expect(preview.status).toBe(200);

    // …then someone else deletes it.
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();

    expect(await get(groupsRoute.GET)).toBe(200);
    expect(await get(overviewRoute.GET)).toBe(200);
    expect(await get(topicsRoute.GET)).toBe(200);
  });
});
