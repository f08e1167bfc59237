import { describe, expect, it } from "vitest";
import type { TopicConfigEntry } from "@/lib/schemas/kafka-topic-admin";
import { mergeConfigOverrides, toConfigEntry } from "./topic-configs";

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
