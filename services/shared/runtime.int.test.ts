import { describe, expect, it } from "vitest";
import { testKafka, uniqueName } from "@/test/support/stack";
import { ensureTopics } from "./runtime";

describe("ensureTopics against the real broker", () => {
  it("lets services that start together create the same topics at once, then every partition has a leader", async () => {
    const kafka = testKafka();
    const shared = [uniqueName("ensure-a"), uniqueName("ensure-b")];
    const extra = uniqueName("ensure-c");
    // The way the storefront starts: orders asks for all topics, fulfillment for two of them, at once.
    await Promise.all([ensureTopics(kafka, [...shared, extra]), ensureTopics(kafka, shared), ensureTopics(kafka, shared), ensureTopics(kafka, [extra])]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...shared, extra] });
      expect(topics.map((topic) => topic.name).sort()).toEqual([...shared, extra].sort());
      for (const topic of topics) {
        expect(topic.partitions).toHaveLength(3);
        expect(topic.partitions.every((partition) => partition.leader >= 0)).toBe(true);
      }
      // A producer can write to them straight away.
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: extra, messages: [{ value: "x" }] });
      await producer.disconnect();
      await admin.deleteTopics({ topics: [...shared, extra] });
    } finally {
      await admin.disconnect();
    }
  });
});
