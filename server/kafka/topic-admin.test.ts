import { describe, expect, it } from "vitest";
import type { TopicConfigEntry } from "@/lib/schemas/kafka-topic-admin";
import { kafkaErrorType, mergeConfigOverrides, planPurge, toConfigEntry, toRefusal } from "./topic-admin";

const entry = (name: string, value: string | null, overrides: Partial<TopicConfigEntry> = {}): TopicConfigEntry => ({
  name,
  value,
  source: "default",
  isDefault: true,
  readOnly: false,
  sensitive: false,
  ...overrides,
});

const current = [
  entry("retention.ms", "100000", { source: "topic", isDefault: false }),
  entry("max.message.bytes", "2000000", { source: "topic", isDefault: false }),
  entry("min.insync.replicas", "1", { source: "dynamic-cluster-default", isDefault: false }),
  entry("cleanup.policy", "delete"),
  entry("segment.bytes", "1073741824", { readOnly: true }),
];

describe("mergeConfigOverrides", () => {
  it("keeps the overrides the change does not name, and leaves broker-level values out", () => {
    expect(mergeConfigOverrides(current, { set: { "retention.ms": "5000" }, remove: [] })).toEqual([
      { name: "retention.ms", value: "5000" },
      { name: "max.message.bytes", value: "2000000" },
    ]);
  });

  it("adds new overrides and removes the ones asked for", () => {
    expect(mergeConfigOverrides(current, { set: { "cleanup.policy": "compact" }, remove: ["retention.ms"] })).toEqual([
      { name: "max.message.bytes", value: "2000000" },
      { name: "cleanup.policy", value: "compact" },
    ]);
  });

  it("refuses read-only and unknown configs", () => {
    expect(() => mergeConfigOverrides(current, { set: { "segment.bytes": "1" }, remove: [] })).toThrow(/read-only/);
    expect(() => mergeConfigOverrides(current, { set: { "no.such.config": "1" }, remove: [] })).toThrow(/not a topic config/);
  });

  it("refuses an edit that would silently drop a sensitive override it cannot read", () => {
    const withSecret = [...current, entry("secret.thing", null, { source: "topic", isDefault: false, sensitive: true })];
    expect(() => mergeConfigOverrides(withSecret, { set: { "retention.ms": "1" }, remove: [] })).toThrow(/sensitive/);
    expect(mergeConfigOverrides(withSecret, { set: { "secret.thing": "s" }, remove: [] })).toContainEqual({ name: "secret.thing", value: "s" });
  });
});

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

describe("toConfigEntry", () => {
  it("never passes a sensitive value on", () => {
    const raw = {
      configName: "sasl.jaas.config",
      configValue: "secret",
      isDefault: false,
      configSource: 1,
      isSensitive: true,
      readOnly: false,
      configSynonyms: [],
    };
    expect(toConfigEntry(raw)).toEqual({ name: "sasl.jaas.config", value: null, source: "topic", isDefault: false, readOnly: false, sensitive: true });
  });
});
