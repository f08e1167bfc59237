import type { Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testKafka, uniqueName } from "./support/stack";

// Also the Kafka 3.9 compatibility suite: `npm test` runs this file again against a 3.9 broker.
describe("kafkajs against the real broker", () => {
  const kafka = testKafka();
  const topic = uniqueName("it-orders");
  const groupId = uniqueName("it-group");
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true })).toBe(true);
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  });

  it("describes the cluster it talks to", async () => {
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.length).toBeGreaterThanOrEqual(1);
    expect(cluster.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("creates a topic with the asked partitions", async () => {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);
  });

  it("produces, consumes in a group and commits offsets that the admin reads back", async () => {
    const producer = kafka.producer();
    await producer.connect();
    const keys = ["a", "b", "c", "d", "e", "f"];
    await producer.send({
      topic,
      messages: keys.map((key, i) => ({ key, value: JSON.stringify({ n: i }), headers: { type: "test" } })),
    });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: Array<{ key: string; n: number; header: string }> = [];
    const allSeen = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push({
            key: String(message.key),
            n: JSON.parse(String(message.value)).n,
            header: String(message.headers?.type),
          });
          if (seen.length === keys.length) resolve();
        },
      });
    });
    await allSeen;
    await consumer.disconnect(); // commits what it consumed

    expect(seen.map((m) => m.key).sort()).toEqual(keys);
    expect(new Set(seen.map((m) => m.header))).toEqual(new Set(["test"]));

    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    // Every partition's committed offset is its end offset: everything produced was consumed and committed.
    const committedByPartition = Object.fromEntries(committed!.partitions.map((p) => [p.partition, Number(p.offset)]));
    for (const end of ends) {
      expect(Math.max(committedByPartition[end.partition] ?? 0, 0)).toBe(Number(end.high));
    }
    expect(ends.reduce((sum, end) => sum + Number(end.high), 0)).toBe(keys.length);
  });
});
