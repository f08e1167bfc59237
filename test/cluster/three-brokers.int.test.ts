import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Admin } from "kafkajs";
import { brokerAddresses } from "@/stack/kafka";
import { stackAddresses, testKafka, uniqueName } from "../support/stack";

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
    // A broker may not have the new topic's metadata yet ("does not host this topic-partition"): ask again.
    let described: Awaited<ReturnType<typeof admin.fetchTopicMetadata>>["topics"][number] | undefined;
    for (let attempt = 0; attempt < 40 && !described; attempt++) {
      described = await admin.fetchTopicMetadata({ topics: [topic] }).then(
        (m) => (m.topics[0]?.partitions.length === 3 && m.topics[0].partitions.every((p) => p.isr.length === 3) ? m.topics[0] : undefined),
        () => undefined,
      );
      if (!described) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(described?.partitions).toHaveLength(3);
    for (const partition of described!.partitions) {
      expect(partition.replicas.sort()).toEqual([1, 2, 3]);
      expect(partition.isr).toHaveLength(3);
    }
    // Leadership is spread over the brokers, not piled on one.
    expect(new Set(described!.partitions.map((p) => p.leader)).size).toBe(3);
  });

  it("shows all three brokers in the console's overview, leadership spread over them", async () => {
    vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
    const { GET } = await import("@/app/api/kafka/overview/route");
    const response = await GET(new Request("http://localhost/api/kafka/overview"), {} as never);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.brokers.map((b: { nodeId: number }) => b.nodeId)).toEqual([1, 2, 3]);
    expect(body.brokers.filter((b: { isController: boolean }) => b.isController)).toHaveLength(1);
    for (const broker of body.brokers) expect(broker.leaderCount).toBeGreaterThan(0);
    expect(body.underReplicatedPartitions).toBe(0);
  });
});
