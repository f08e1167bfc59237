import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { brokerAddresses } from "@/stack/kafka";
import { testKafka, uniqueName } from "../support/stack";

// Runs against `npm run stack -- up --brokers 3` (npm test starts that cluster for this suite).
describe("three-broker cluster", () => {
  const topic = uniqueName("it-replicated");
  let admin: Admin;

  beforeAll(async () => {
    admin = testKafka().admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it("lists three brokers in its metadata", async () => {
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.map((b) => `${b.host}:${b.port}`).sort()).toEqual(brokerAddresses(3).sort());
    expect(cluster.controller).not.toBeNull();
  });

  it("replicates a topic to all three with a full ISR", async () => {
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
    const [described] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(described?.partitions).toHaveLength(3);
    for (const partition of described!.partitions) {
      expect(partition.replicas.sort()).toEqual([1, 2, 3]);
      expect(partition.isr).toHaveLength(3);
    }
    // Leadership is spread over the brokers, not piled on one.
    expect(new Set(described!.partitions.map((p) => p.leader)).size).toBe(3);
  });
});
