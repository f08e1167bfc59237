import { Partitioners } from "kafkajs";
import { describe, expect, it } from "vitest";
import { targetPartitioner } from "./republish-target";

describe("targetPartitioner", () => {
  it("keeps the partition when the counts match, whatever the key", () => {
    const to = targetPartitioner(6, 6);
    expect([0, 1, 5].map((p) => to(p, Buffer.from("same-key")))).toEqual([0, 1, 5]);
  });

  it("places keyed records as Kafka's default partitioner does, and keyless ones by source partition", () => {
    const to = targetPartitioner(6, 4);
    const kafkajs = Partitioners.DefaultPartitioner();
    const metadata = [0, 1, 2, 3].map((partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
    for (const key of ["order-1", "order-2", "customer-77", ""]) {
      expect(to(3, Buffer.from(key))).toBe(kafkajs({ topic: "t", partitionMetadata: metadata, message: { key: Buffer.from(key), value: null } }));
    }
    expect(to(5, null)).toBe(1);
  });
});
