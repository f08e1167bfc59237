import { z } from "zod";
import type {
  BrokerDetail,
  BrokerInfo,
  ConsumerGroupDetail,
  ConsumerGroupLag,
  KafkaOverview,
  LagHistory,
  PartitionLag,
  PartitionSummary,
  ResetOffsetsResult,
  TopicDetail,
  TopicSummary,
} from "@/lib/schemas/kafka";
import type { DecodedPayload, KafkaMessage, ProduceResult, ScanEvent } from "@/lib/schemas/kafka-messages";
import type { AddPartitionsResult, DeleteTopicResult, PurgeTopicResult, TopicConfigs } from "@/lib/schemas/kafka-topic-admin";
import { describes } from "./describes";

// Zod schemas of what the Kafka routes answer, for the OpenAPI document only; `describes`
// holds each to the interface in lib/schemas that the server code returns.

/** Offsets, counts of messages and lags are decimal strings: Kafka's int64 does not fit a JSON number. */
const int64 = z.string().regex(/^-?\d{1,20}$/);

const partitionSummary = describes<PartitionSummary>()(
  z.object({
    partition: z.number().int(),
    leader: z.number().int(),
    replicas: z.array(z.number().int()),
    isr: z.array(z.number().int()),
    lowWatermark: int64,
    highWatermark: int64,
  }),
);

const topicSummaryShape = {
  name: z.string(),
  internal: z.boolean(),
  partitions: z.number().int(),
  replicationFactor: z.number().int(),
  underReplicated: z.number().int(),
  messages: int64,
  bytes: z.number().nullable(),
  producedPerSecond: z.number().nullable(),
};
export const topicSummary = describes<TopicSummary>()(z.object(topicSummaryShape));
export const topicDetail = describes<TopicDetail>()(z.object({ ...topicSummaryShape, partitionDetails: z.array(partitionSummary) }));

const partitionLag = describes<PartitionLag>()(
  z.object({
    topic: z.string(),
    partition: z.number().int(),
    committedOffset: int64.nullable(),
    endOffset: int64,
    lag: int64,
    inOpenTransactions: int64,
    lagSeconds: z.number().nullable(),
  }),
);

const groupLagShape = {
  groupId: z.string(),
  state: z.string(),
  members: z.number().int(),
  protocol: z.string(),
  totalLag: int64,
  lagSeconds: z.number().nullable(),
  partitions: z.array(partitionLag),
};
export const consumerGroupLag = describes<ConsumerGroupLag>()(z.object(groupLagShape));
export const consumerGroupDetail = describes<ConsumerGroupDetail>()(
  z.object({
    ...groupLagShape,
    memberDetails: z.array(
      z.object({
        memberId: z.string(),
        clientId: z.string(),
        host: z.string(),
        assignment: z.array(z.object({ topic: z.string(), partitions: z.array(z.number().int()) })),
      }),
    ),
  }),
);

export const lagHistory = describes<LagHistory>()(
  z.object({ groupId: z.string(), range: z.string(), step: z.number(), points: z.array(z.object({ t: z.number(), lag: z.number() })) }),
);

export const resetOffsetsResult = describes<ResetOffsetsResult>()(
  z.object({
    groupId: z.string(),
    dryRun: z.boolean(),
    changes: z.array(z.object({ topic: z.string(), partition: z.number().int(), current: int64.nullable(), target: int64 })),
  }),
);

const brokerInfoShape = {
  nodeId: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  rack: z.string().nullable(),
  isController: z.boolean(),
  leaderCount: z.number().int(),
  replicaCount: z.number().int(),
  offlineReplicaCount: z.number().int(),
  logDirBytes: z.number().nullable(),
  logDirError: z.string().nullable(),
};
export const brokerInfo = describes<BrokerInfo>()(z.object(brokerInfoShape));
export const brokerDetail = describes<BrokerDetail>()(
  z.object({
    ...brokerInfoShape,
    logDirs: z.array(
      z.object({
        path: z.string(),
        error: z.string().nullable(),
        bytes: z.number(),
        topics: z.array(z.object({ topic: z.string(), bytes: z.number(), partitions: z.number().int() })),
      }),
    ),
    configs: z.array(
      z.object({ name: z.string(), value: z.string().nullable(), source: z.string(), isDefault: z.boolean(), readOnly: z.boolean(), sensitive: z.boolean() }),
    ),
  }),
);

export const kafkaOverview = describes<KafkaOverview>()(
  z.object({
    clusterId: z.string(),
    controllerId: z.number().int().nullable(),
    brokers: z.array(
      z.object({
        nodeId: z.number().int(),
        host: z.string(),
        port: z.number().int(),
        leaderCount: z.number().int(),
        replicaCount: z.number().int(),
        isController: z.boolean(),
      }),
    ),
    topics: z.number().int(),
    partitions: z.number().int(),
    underReplicatedPartitions: z.number().int(),
    offlinePartitions: z.number().int(),
    groups: z.number().int(),
    totalLag: int64,
    topLaggingGroups: z.array(z.object({ groupId: z.string(), totalLag: int64, state: z.string() })),
  }),
);

export const topicConfigs = describes<TopicConfigs>()(
  z.object({
    topic: z.string(),
    configs: z.array(
      z.object({
        name: z.string(),
        value: z.string().nullable(),
        source: z.enum(["topic", "dynamic-broker", "dynamic-cluster-default", "static-broker", "default", "unknown"]),
        isDefault: z.boolean(),
        readOnly: z.boolean(),
        sensitive: z.boolean(),
      }),
    ),
  }),
);

export const addPartitionsResult = describes<AddPartitionsResult>()(
  z.object({ topic: z.string(), partitionsBefore: z.number().int(), partitions: z.number().int() }),
);

export const purgeTopicResult = describes<PurgeTopicResult>()(
  z.object({
    topic: z.string(),
    dryRun: z.boolean(),
    messagesToDelete: int64,
    partitions: z.array(
      z.object({
        partition: z.number().int(),
        lowWatermark: int64,
        highWatermark: int64,
        deleteBefore: int64,
        messagesToDelete: int64,
        lowWatermarkAfter: int64.optional(),
      }),
    ),
  }),
);

export const deleteTopicResult = describes<DeleteTopicResult>()(z.object({ topic: z.string(), deleted: z.literal(true) }));

export const produceResult = describes<ProduceResult>()(z.object({ topic: z.string(), partition: z.number().int(), offset: int64 }));

const payloadSchema = z.object({
  id: z.number().int(),
  type: z.enum(["AVRO", "PROTOBUF", "JSON"]),
  name: z.string(),
  subject: z.string().optional(),
  version: z.number().int().optional(),
  unions: z.array(z.object({ path: z.string(), branch: z.string() })).optional(),
});

const decodedPayload = describes<DecodedPayload>()(
  z.object({
    encoding: z.enum(["json", "text", "binary"]),
    text: z.string(),
    size: z.number().int(),
    truncated: z.boolean(),
    schema: payloadSchema.optional(),
    schemaError: z.string().optional(),
    raw: z.string().optional(),
  }),
);

export const kafkaMessage = describes<KafkaMessage>()(
  z.object({
    partition: z.number().int(),
    offset: int64,
    timestamp: int64,
    key: decodedPayload.nullable(),
    value: decodedPayload.nullable(),
    headers: z.array(z.object({ name: z.string(), value: decodedPayload.nullable() })),
  }),
);

const scanProgress = {
  scanned: z.number().int(),
  matched: z.number().int(),
  unreadable: z.array(z.object({ partition: z.number().int(), from: int64, to: int64, codec: z.string(), reason: z.string() })),
};

/** The data of each event the message browser's stream sends, by event name (the name is the `type`). */
export const scanEvents = {
  start: z.object({
    type: z.literal("start"),
    ranges: z.array(z.object({ partition: z.number().int(), from: int64, to: int64 })),
    maxScan: z.number().int(),
    maxMatches: z.number().int(),
    total: z.number(),
  }),
  message: z.object({ type: z.literal("message"), message: kafkaMessage }),
  progress: z.object({ type: z.literal("progress"), ...scanProgress }),
  done: z.object({ type: z.literal("done"), reason: z.enum(["end", "scan-cap", "match-cap", "stopped", "time-limit"]), ...scanProgress }),
  error: z.object({ type: z.literal("error"), code: z.string(), message: z.string() }),
};
describes<ScanEvent>()(z.discriminatedUnion("type", [scanEvents.start, scanEvents.message, scanEvents.progress, scanEvents.done, scanEvents.error]));
