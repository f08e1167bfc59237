import { describe, expect, it } from "vitest";
import { kafkaErrorType, planPurge, toRefusal } from "./topic-admin";

describe("planPurge", () => {
  const watermarks = [
    { partition: 1, low: "5", high: "20" },
    { partition: 0, low: "0", high: "10" },
  ];

  it("purges every partition up to its high watermark by default", () => {
    expect(planPurge(watermarks, undefined)).toEqual([
      { partition: 0, lowWatermark: "0", highWatermark: "10", deleteBefore: "10", messagesToDelete: "10" },
      { partition: 1, lowWatermark: "5", highWatermark: "20", deleteBefore: "20", messagesToDelete: "15" },
    ]);
  });

  it("purges only the partitions named, never below the low watermark", () => {
    expect(planPurge(watermarks, [{ partition: 1, offset: "3" }])).toEqual([
      { partition: 1, lowWatermark: "5", highWatermark: "20", deleteBefore: "5", messagesToDelete: "0" },
    ]);
  });

  it("refuses unknown partitions and offsets past the high watermark", () => {
    expect(() => planPurge(watermarks, [{ partition: 7, offset: "1" }])).toThrow(/no partition 7/);
    expect(() => planPurge(watermarks, [{ partition: 0, offset: "11" }])).toThrow(/past the high watermark 10/);
  });
});

describe("Kafka errors", () => {
  it("finds the protocol error type inside wrapped kafkajs errors", () => {
    expect(kafkaErrorType({ name: "KafkaJSAggregateError", errors: [{ type: "INVALID_REPLICATION_FACTOR" }] })).toBe("INVALID_REPLICATION_FACTOR");
    expect(kafkaErrorType({ name: "KafkaJSNumberOfRetriesExceeded", cause: { type: "UNKNOWN_TOPIC_OR_PARTITION" } })).toBe("UNKNOWN_TOPIC_OR_PARTITION");
    expect(kafkaErrorType({ partitions: [{ error: { type: "OFFSET_OUT_OF_RANGE" } }] })).toBe("OFFSET_OUT_OF_RANGE");
    expect(kafkaErrorType(new Error("Connection refused"))).toBeUndefined();
  });

  it("turns refusals into 4xx and leaves outages alone", () => {
    expect(toRefusal({ errors: [{ type: "TOPIC_ALREADY_EXISTS" }] }, "create topic")).toMatchObject({ status: 409, code: "TOPIC_EXISTS" });
    expect(toRefusal({ type: "INVALID_PARTITIONS" }, "add partitions")).toMatchObject({ status: 400, message: expect.stringMatching(/partitions/) });
    expect(toRefusal(new Error("ECONNREFUSED"), "create topic")).toBeUndefined();
  });
});
