import "server-only";
import kafkajs, { type Admin, type IResourceConfigEntry } from "kafkajs";
import type { TopicDetail } from "@/lib/schemas/kafka";
import type {
  AddPartitionsResult,
  AlterTopicConfigsInput,
  CreateTopicInput,
  DeleteTopicResult,
  PurgePartition,
  PurgeTopicInput,
  PurgeTopicResult,
  TopicConfigs,
} from "@/lib/schemas/kafka-topic-admin";
import { invalidate } from "../cache";
import { AppError } from "../http/errors";
import { getLogger } from "../log";
import { kafkaCall } from "./call";
import { getKafkaAdmin } from "./client";
import { describeKafkaCluster } from "./cluster";
import { kafkaErrorType } from "./errors";
import { configRejected, findRejectedConfig, mergeConfigOverrides, toConfigEntry } from "./topic-configs";
import { describeTopic } from "./topics";

export { kafkaErrorType };

// kafkajs is CommonJS: Node's ESM loader sees only some of its named exports, so these come from the default export.
const { ConfigResourceTypes } = kafkajs;

// kafkajs drops the broker's own error message, so each refusal gets a reason written here.
const refusals: Record<string, { code: AppError["code"]; reason: string }> = {
  TOPIC_ALREADY_EXISTS: { code: "TOPIC_EXISTS", reason: "the topic already exists" },
  UNKNOWN_TOPIC_OR_PARTITION: { code: "TOPIC_NOT_FOUND", reason: "the topic does not exist" },
  INVALID_REPLICATION_FACTOR: { code: "BAD_REQUEST", reason: "the replication factor is invalid (larger than the number of brokers?)" },
  INVALID_PARTITIONS: { code: "BAD_REQUEST", reason: "the number of partitions is invalid" },
  INVALID_REPLICA_ASSIGNMENT: { code: "BAD_REQUEST", reason: "the replica assignment is invalid" },
  INVALID_CONFIG: { code: "BAD_REQUEST", reason: "a config name or value is invalid" },
  POLICY_VIOLATION: { code: "BAD_REQUEST", reason: "the request breaks a policy set on the brokers" },
  INVALID_TOPIC_EXCEPTION: {
    code: "BAD_REQUEST",
    reason: "the topic name is invalid, or collides with an existing topic whose name differs only in '.' and '_'",
  },
  INVALID_REQUEST: { code: "BAD_REQUEST", reason: "the broker considers the request invalid" },
  OFFSET_OUT_OF_RANGE: { code: "BAD_REQUEST", reason: "an offset is outside the partition's watermarks" },
  TOPIC_DELETION_DISABLED: { code: "CONFLICT", reason: "topic deletion is disabled on the brokers (delete.topic.enable=false)" },
  TOPIC_AUTHORIZATION_FAILED: { code: "FORBIDDEN", reason: "the console's Kafka user is not allowed to do this" },
  CLUSTER_AUTHORIZATION_FAILED: { code: "FORBIDDEN", reason: "the console's Kafka user is not allowed to do this" },
};

/** Kafka's refusal of a request as an AppError with a reason; undefined when the failure is not a refusal (e.g. a broker down). */
export function toRefusal(error: unknown, action: string): AppError | undefined {
  const type = kafkaErrorType(error);
  const refusal = type ? refusals[type] : undefined;
  return refusal && new AppError(refusal.code, `Kafka refused to ${action}: ${refusal.reason}`, { kafkaError: type });
}

/** One admin call through kafkaCall (timeout, metrics, 503 when unreachable) with Kafka's refusals turned into 4xx. */
function adminCall<T>(operation: string, action: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  return kafkaCall(operation, async () => {
    const admin = await getKafkaAdmin();
    try {
      return await work(admin);
    } catch (error) {
      throw toRefusal(error, action) ?? error;
    }
  });
}

/** The topic list, topic pages and lag read cached cluster state; after a change every view must see it at once. */
function forgetCachedKafkaState(topic: string): void {
  invalidate("kafka:metadata");
  invalidate(`kafka:watermarks:${topic}`);
  invalidate("kafka:groups");
}

function audit(action: string, details: Record<string, unknown>): void {
  getLogger().info({ audit: true, action, ...details }, `kafka ${action}`);
}

function refuseInternal(topic: string, action: string): void {
  if (topic.startsWith("__")) throw new AppError("FORBIDDEN", `"${topic}" is one of Kafka's internal topics; the console does not ${action} it`);
}

/** Polls the broker's metadata (uncached) until `done` holds or `ms` passed: deletes and new partitions show up with a short delay. */
async function waitForMetadata(done: (topics: Map<string, number>) => boolean, ms = 3_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const { topics } = await kafkaCall("fetchTopicMetadata", async () => (await getKafkaAdmin()).fetchTopicMetadata());
    if (done(new Map(topics.map((t) => [t.name, t.partitions.length])))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Which offsets a purge deletes below, per partition, and how many messages that removes. */
export function planPurge(watermarks: Array<{ partition: number; low: string; high: string }>, offsets: PurgeTopicInput["offsets"]): PurgePartition[] {
  const byPartition = new Map(watermarks.map((w) => [w.partition, w]));
  for (const requested of offsets ?? []) {
    const w = byPartition.get(requested.partition);
    if (!w) throw new AppError("BAD_REQUEST", `The topic has no partition ${requested.partition}`);
    if (BigInt(requested.offset) > BigInt(w.high)) {
      throw new AppError("BAD_REQUEST", `Partition ${requested.partition}: offset ${requested.offset} is past the high watermark ${w.high}`);
    }
  }
  const targets = offsets ? new Map(offsets.map((o) => [o.partition, BigInt(o.offset)])) : undefined;
  return [...watermarks]
    .sort((a, b) => a.partition - b.partition)
    .filter((w) => !targets || targets.has(w.partition))
    .map((w) => {
      const low = BigInt(w.low);
      const wanted = targets ? targets.get(w.partition)! : BigInt(w.high);
      const deleteBefore = wanted > low ? wanted : low;
      return {
        partition: w.partition,
        lowWatermark: w.low,
        highWatermark: w.high,
        deleteBefore: String(deleteBefore),
        messagesToDelete: String(deleteBefore - low),
      };
    });
}

/** Creates a topic (DescribeCluster, CreateTopics, then Metadata until it has leaders): 409 when it exists, 400 with a reason when Kafka refuses. */
export async function createTopic(input: CreateTopicInput): Promise<TopicDetail> {
  const { brokers } = await describeKafkaCluster();
  if (input.replicationFactor > brokers.length) {
    throw new AppError("BAD_REQUEST", `Replication factor ${input.replicationFactor} is larger than the number of brokers (${brokers.length})`);
  }
  const configEntries = Object.entries(input.configs).map(([name, value]) => ({ name, value }));
  const topic = { topic: input.name, numPartitions: input.partitions, replicationFactor: input.replicationFactor };
  const created = await kafkaCall("createTopics", async () => {
    const admin = await getKafkaAdmin();
    try {
      return await admin.createTopics({ topics: [{ ...topic, configEntries }], waitForLeaders: true });
    } catch (error) {
      if (kafkaErrorType(error) === "INVALID_CONFIG") {
        const rejected = await findRejectedConfig(configEntries, (entry) =>
          admin.createTopics({ topics: [{ ...topic, configEntries: [entry] }], validateOnly: true, waitForLeaders: false }),
        );
        if (rejected) throw configRejected(rejected);
      }
      throw toRefusal(error, `create topic "${input.name}"`) ?? error;
    }
  });
  // kafkajs answers false instead of throwing when the only error is TOPIC_ALREADY_EXISTS.
  if (!created) throw new AppError("TOPIC_EXISTS", `Topic "${input.name}" already exists`);
  forgetCachedKafkaState(input.name);
  audit("create-topic", { topic: input.name, partitions: input.partitions, replicationFactor: input.replicationFactor, configs: input.configs });
  return describeTopic(input.name);
}

/** Every config of a topic with its value, where it comes from and whether it can be changed (one DescribeConfigs). Sensitive values are never included. */
export async function describeTopicConfigs(topic: string): Promise<TopicConfigs> {
  const response = await adminCall("describeConfigs", `describe the configs of "${topic}"`, (admin) =>
    admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false }),
  );
  const entries = response.resources.find((r) => r.resourceName === topic)?.configEntries ?? [];
  return { topic, configs: entries.map(toConfigEntry).sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Sets and removes topic-level overrides, keeping every other override (DescribeConfigs, then one AlterConfigs with the merged list). */
export async function alterTopicConfigs(topic: string, change: AlterTopicConfigsInput): Promise<TopicConfigs> {
  const current = await describeTopicConfigs(topic);
  const configEntries = mergeConfigOverrides(current.configs, change);
  await kafkaCall("alterConfigs", async () => {
    const admin = await getKafkaAdmin();
    const alter = (entries: IResourceConfigEntry[], validateOnly = false) =>
      admin.alterConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: entries }], validateOnly });
    try {
      await alter(configEntries);
    } catch (error) {
      if (kafkaErrorType(error) === "INVALID_CONFIG") {
        const changed = Object.entries(change.set).map(([name, value]) => ({ name, value }));
        const rejected = await findRejectedConfig(changed, (entry) =>
          alter(mergeConfigOverrides(current.configs, { set: { [entry.name]: entry.value }, remove: [] }), true),
        );
        if (rejected) throw configRejected(rejected);
      }
      throw toRefusal(error, `change the configs of "${topic}"`) ?? error;
    }
  });
  forgetCachedKafkaState(topic);
  audit("alter-topic-configs", { topic, set: change.set, remove: change.remove });
  return describeTopicConfigs(topic);
}

/** Raises a topic's partition count to `count` (Metadata, CreatePartitions); 400 unless it grows. */
export async function addPartitions(topic: string, count: number): Promise<AddPartitionsResult> {
  refuseInternal(topic, "add partitions to");
  const before = (await describeTopic(topic)).partitions;
  if (count <= before) {
    throw new AppError("BAD_REQUEST", `"${topic}" has ${before} partitions; Kafka can only add partitions, so ask for more than ${before}`);
  }
  await adminCall("createPartitions", `add partitions to "${topic}"`, (admin) => admin.createPartitions({ topicPartitions: [{ topic, count }] }));
  await waitForMetadata((topics) => (topics.get(topic) ?? 0) >= count);
  forgetCachedKafkaState(topic);
  audit("add-partitions", { topic, from: before, to: count });
  return { topic, partitionsBefore: before, partitions: count };
}

/**
 * Deletes the records below an offset per partition (or all retained records): a dry run
 * (the default) answers what would go; a real run deletes and reports the new low watermarks.
 * ListOffsets, then DeleteRecords per leader, then ListOffsets again.
 */
export async function purgeTopic(topic: string, input: PurgeTopicInput): Promise<PurgeTopicResult> {
  refuseInternal(topic, "purge");
  await describeTopic(topic);
  // Fresh watermarks, not the 2 s cache: the plan must match what is deleted. This call also
  // loads the topic's leaders into kafkajs's metadata, which deleteTopicRecords relies on.
  const watermarks = () => adminCall("fetchTopicOffsets", `read the offsets of "${topic}"`, (admin) => admin.fetchTopicOffsets(topic));
  const plan = planPurge(await watermarks(), input.offsets);
  const total = String(plan.reduce((sum, p) => sum + BigInt(p.messagesToDelete), 0n));
  if (input.dryRun) return { topic, dryRun: true, messagesToDelete: total, partitions: plan };

  const toDelete = plan.filter((p) => p.messagesToDelete !== "0").map((p) => ({ partition: p.partition, offset: p.deleteBefore }));
  if (toDelete.length > 0) {
    await adminCall("deleteTopicRecords", `purge "${topic}"`, (admin) => admin.deleteTopicRecords({ topic, partitions: toDelete }));
  }
  forgetCachedKafkaState(topic);
  const after = new Map((await watermarks()).map((w) => [w.partition, w.low]));
  audit("purge-topic", { topic, messages: total, partitions: toDelete });
  return {
    topic,
    dryRun: false,
    messagesToDelete: total,
    partitions: plan.map((p) => ({ ...p, lowWatermarkAfter: after.get(p.partition) ?? p.deleteBefore })),
  };
}

/** Deletes a topic once `confirm` repeats its name (Metadata, DeleteTopics, Metadata until it is gone); internal topics are refused. */
export async function deleteTopic(topic: string, confirm: string): Promise<DeleteTopicResult> {
  if (confirm !== topic) throw new AppError("BAD_REQUEST", `To delete "${topic}", confirm with its exact name`);
  refuseInternal(topic, "delete");
  invalidate("kafka:metadata");
  await describeTopic(topic);
  await adminCall("deleteTopics", `delete "${topic}"`, (admin) => admin.deleteTopics({ topics: [topic] }));
  await waitForMetadata((topics) => !topics.has(topic));
  forgetCachedKafkaState(topic);
  audit("delete-topic", { topic });
  return { topic, deleted: true };
}
