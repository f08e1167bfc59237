import { z } from "zod";
import { topicNameSchema } from "./kafka";

export const maxPartitions = 10_000;
const maxConfigChanges = 100;

/** A topic config name such as `retention.ms`; whether Kafka knows it is the broker's call. */
export const configNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9._-]+$/, "config names use only letters, digits, '.', '_' and '-'");

export const configValueSchema = z.string().max(4096);

const configValuesSchema = z
  .record(configNameSchema, configValueSchema)
  .refine((configs) => Object.keys(configs).length <= maxConfigChanges, `at most ${maxConfigChanges} configs at once`);

export const createTopicSchema = z.object({
  name: topicNameSchema.refine((name) => !name.startsWith("__"), "names starting with '__' are reserved for Kafka's internal topics"),
  partitions: z.number().int().min(1).max(maxPartitions),
  /** At most the number of brokers; the server checks that against the cluster. */
  replicationFactor: z.number().int().min(1).max(1_000),
  configs: configValuesSchema.default({}),
});
export type CreateTopicInput = z.infer<typeof createTopicSchema>;

/** Set some overrides, remove others; every override not named stays as it is. */
export const alterTopicConfigsSchema = z
  .object({
    set: configValuesSchema.default({}),
    remove: z.array(configNameSchema).max(maxConfigChanges).default([]),
  })
  .refine((change) => Object.keys(change.set).length + change.remove.length > 0, "name at least one config to set or remove")
  .refine((change) => !change.remove.some((name) => Object.hasOwn(change.set, name)), "a config cannot be both set and removed");
export type AlterTopicConfigsInput = z.infer<typeof alterTopicConfigsSchema>;

export const addPartitionsSchema = z.object({
  /** The topic's partition count after the change; Kafka only ever adds partitions. */
  count: z.number().int().min(2).max(maxPartitions),
});
export type AddPartitionsInput = z.infer<typeof addPartitionsSchema>;

const offsetSchema = z.string().regex(/^\d{1,19}$/, "a non-negative offset");

export const purgeTopicSchema = z.object({
  /** Delete the records below `offset` in each partition listed; without it, every partition up to its high watermark. */
  offsets: z
    .array(
      z.object({
        partition: z
          .number()
          .int()
          .min(0)
          .max(maxPartitions - 1),
        offset: offsetSchema,
      }),
    )
    .min(1)
    .max(maxPartitions)
    .refine((offsets) => new Set(offsets.map((o) => o.partition)).size === offsets.length, "each partition at most once")
    .optional(),
  /** Nothing is deleted unless this is explicitly false. */
  dryRun: z.boolean().default(true),
});
export type PurgeTopicInput = z.infer<typeof purgeTopicSchema>;

export const deleteTopicSchema = z.object({
  confirm: z.string({ error: "type the topic name in `confirm` to delete it" }).max(249),
});

/** Where a config's value comes from, most specific first. */
export type ConfigSource = "topic" | "dynamic-broker" | "dynamic-cluster-default" | "static-broker" | "default" | "unknown";

export interface TopicConfigEntry {
  name: string;
  /** null for sensitive configs: their values never leave the server. */
  value: string | null;
  source: ConfigSource;
  isDefault: boolean;
  readOnly: boolean;
  sensitive: boolean;
}

export interface TopicConfigs {
  topic: string;
  configs: TopicConfigEntry[];
}

export interface AddPartitionsResult {
  topic: string;
  partitionsBefore: number;
  partitions: number;
}

export interface PurgePartition {
  partition: number;
  lowWatermark: string;
  highWatermark: string;
  /** Records below this offset are (or would be) deleted. */
  deleteBefore: string;
  messagesToDelete: string;
  /** The low watermark once the purge ran; only after a real run. */
  lowWatermarkAfter?: string;
}

export interface PurgeTopicResult {
  topic: string;
  dryRun: boolean;
  messagesToDelete: string;
  partitions: PurgePartition[];
}

export interface DeleteTopicResult {
  topic: string;
  deleted: true;
}
