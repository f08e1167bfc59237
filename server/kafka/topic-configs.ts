import "server-only";
import kafkajs, { type ConfigEntries, type IResourceConfigEntry } from "kafkajs";
import type { AlterTopicConfigsInput, ConfigSource, TopicConfigEntry } from "@/lib/schemas/kafka-topic-admin";
import { AppError } from "../http/errors";
import { kafkaErrorType } from "./errors";

// Config entries as Kafka's DescribeConfigs, AlterConfigs and CreateTopics see them, and our shape of them.

// kafkajs is CommonJS: Node's ESM loader sees only some of its named exports, so these come from the default export.
const { ConfigSource: KafkaConfigSource } = kafkajs;

const sources: Record<number, ConfigSource> = {
  [KafkaConfigSource.TOPIC_CONFIG]: "topic",
  [KafkaConfigSource.DYNAMIC_BROKER_CONFIG]: "dynamic-broker",
  [KafkaConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG]: "dynamic-cluster-default",
  [KafkaConfigSource.STATIC_BROKER_CONFIG]: "static-broker",
  [KafkaConfigSource.DEFAULT_CONFIG]: "default",
};

/** Our shape of one DescribeConfigs entry; a sensitive value is dropped here, before anything can send it on. */
export function toConfigEntry(entry: ConfigEntries): TopicConfigEntry {
  return {
    name: entry.configName,
    value: entry.isSensitive ? null : entry.configValue,
    source: sources[entry.configSource] ?? "unknown",
    isDefault: entry.isDefault,
    readOnly: entry.readOnly,
    sensitive: entry.isSensitive,
  };
}

/**
 * kafkajs only speaks the old AlterConfigs, which replaces every topic-level override at
 * once. This computes the complete override list after a change: the current overrides,
 * plus `set`, minus `remove` — so overrides the change does not name survive it.
 */
export function mergeConfigOverrides(current: TopicConfigEntry[], change: AlterTopicConfigsInput): IResourceConfigEntry[] {
  const known = new Map(current.map((entry) => [entry.name, entry]));
  for (const name of [...Object.keys(change.set), ...change.remove]) {
    const entry = known.get(name);
    if (!entry) throw new AppError("BAD_REQUEST", `"${name}" is not a topic config this broker knows`);
    if (entry.readOnly) throw new AppError("BAD_REQUEST", `"${name}" is read-only`);
  }
  const overrides = new Map<string, string>();
  for (const entry of current.filter((e) => e.source === "topic")) {
    if (entry.value === null && !(entry.name in change.set) && !change.remove.includes(entry.name)) {
      throw new AppError("CONFLICT", `The sensitive override "${entry.name}" cannot be kept across an edit; set or remove it in the same change`);
    }
    if (entry.value !== null) overrides.set(entry.name, entry.value);
  }
  for (const [name, value] of Object.entries(change.set)) overrides.set(name, value);
  for (const name of change.remove) overrides.delete(name);
  return [...overrides].map(([name, value]) => ({ name, value }));
}

/** Kafka says only "a config is invalid": asking about each entry alone (validate only, nothing changes) finds which. */
export async function findRejectedConfig(
  entries: IResourceConfigEntry[],
  validate: (entry: IResourceConfigEntry) => Promise<unknown>,
): Promise<IResourceConfigEntry | undefined> {
  if (entries.length === 1) return entries[0];
  for (const entry of entries) {
    const refused = await validate(entry).then(
      () => false,
      (error: unknown) => kafkaErrorType(error) === "INVALID_CONFIG",
    );
    if (refused) return entry;
  }
  return undefined;
}

export function configRejected(entry: IResourceConfigEntry): AppError {
  return new AppError("BAD_REQUEST", `Kafka refused the config ${entry.name}=${entry.value}: the name is unknown or the value is invalid`, {
    kafkaError: "INVALID_CONFIG",
    config: entry.name,
  });
}
