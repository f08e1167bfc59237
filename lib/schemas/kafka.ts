import { z } from "zod";

/** Kafka's own rule for topic names: 1–249 of [a-zA-Z0-9._-], not "." or "..". */
export const topicNameSchema = z
  .string()
  .min(1)
  .max(249)
  .regex(/^[a-zA-Z0-9._-]+$/, "topic names use only letters, digits, '.', '_' and '-'")
  .refine((name) => name !== "." && name !== "..", "'.' and '..' are not topic names");

/** Path parameters of /api/kafka/topics/:topic/… */
export const topicParams = z.object({ topic: topicNameSchema });

export const topicListQuerySchema = z.object({
  internal: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  search: z.string().max(249).default(""),
});

export interface PartitionSummary {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  lowWatermark: string;
  highWatermark: string;
}

export interface TopicSummary {
  name: string;
  internal: boolean;
  partitions: number;
  replicationFactor: number;
  underReplicated: number;
  /** Sum over partitions of high − low watermark: messages currently retained. */
  messages: string;
  /** Bytes on disk over all replicas (DescribeLogDirs); null when the brokers did not say. */
  bytes: number | null;
  /** Messages produced per second over the last minute, from Prometheus; null when it has no series for the topic. */
  producedPerSecond: number | null;
}

export interface TopicDetail extends TopicSummary {
  partitionDetails: PartitionSummary[];
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** null when the group has never committed an offset for this partition. */
  committedOffset: string | null;
  endOffset: string;
  /**
   * Messages the group has still to read, up to the last stable offset; for an uncommitted
   * partition, all retained messages. Transaction markers alone are not lag.
   */
  lag: string;
  /** Records past the last stable offset: in transactions not yet committed or aborted. */
  inOpenTransactions: string;
  /** Age in seconds of the oldest message the group has not read; null when caught up or unknown. */
  lagSeconds: number | null;
}

export interface ConsumerGroupLag {
  groupId: string;
  state: string;
  members: number;
  protocol: string;
  totalLag: string;
  /** Age of the oldest unread message over all partitions, in seconds; null when caught up. */
  lagSeconds: number | null;
  /** Partitions without a committed offset are listed too, never silently dropped. */
  partitions: PartitionLag[];
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  /** Topic → partitions this member reads; empty while the group rebalances. */
  assignment: Array<{ topic: string; partitions: number[] }>;
}

export interface ConsumerGroupDetail extends ConsumerGroupLag {
  memberDetails: GroupMember[];
}

/** Consumer group ids: any printable text up to 255 characters. */
export const groupIdSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\u0000-\u001f\u007f]+$/, "group ids cannot contain control characters");

/** Path parameters of /api/kafka/groups/:group/… */
export const groupParams = z.object({ group: groupIdSchema });

export const lagHistoryQuerySchema = z.object({
  range: z.enum(["15m", "1h", "6h", "24h"]).default("1h"),
});

export interface LagHistory {
  groupId: string;
  range: string;
  /** Seconds between points. */
  step: number;
  points: Array<{ t: number; lag: number }>;
}

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
  isController: boolean;
  leaderCount: number;
  replicaCount: number;
  /** Replicas on this broker the controller counts as offline (a failed log directory). */
  offlineReplicaCount: number;
  /** Bytes in the broker's log directories (DescribeLogDirs); null when the broker did not answer. */
  logDirBytes: number | null;
  logDirError: string | null;
}

export interface BrokerDetail extends BrokerInfo {
  logDirs: Array<{ path: string; error: string | null; bytes: number; topics: Array<{ topic: string; bytes: number; partitions: number }> }>;
  configs: Array<{ name: string; value: string | null; source: string; isDefault: boolean; readOnly: boolean; sensitive: boolean }>;
}

export const brokerIdSchema = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);
export const brokerParams = z.object({ broker: brokerIdSchema });

export interface BrokerSummary {
  nodeId: number;
  host: string;
  port: number;
  /** Partitions this broker leads, and replicas it holds. */
  leaderCount: number;
  replicaCount: number;
  isController: boolean;
}

export interface KafkaOverview {
  clusterId: string;
  controllerId: number | null;
  brokers: BrokerSummary[];
  topics: number;
  partitions: number;
  underReplicatedPartitions: number;
  /** Partitions without a leader (-1): nobody can read or write them. */
  offlinePartitions: number;
  groups: number;
  totalLag: string;
  topLaggingGroups: Array<{ groupId: string; totalLag: string; state: string }>;
}

/** A point in a topic's time: Kafka's timestamps start at the epoch, and it reads negative ones as special offsets. */
export const kafkaTimeSchema = z.iso.datetime({ offset: true }).refine((time) => Date.parse(time) >= 0, "a time from 1970-01-01 on");

export const resetTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("earliest") }),
  z.object({ kind: z.literal("latest") }),
  z.object({ kind: z.literal("timestamp"), timestamp: kafkaTimeSchema }),
  z.object({ kind: z.literal("offset"), offset: z.string().regex(/^\d{1,19}$/, "a non-negative offset") }),
  z.object({ kind: z.literal("shift"), by: z.number().int().min(-1e12).max(1e12) }),
]);

export const resetOffsetsSchema = z.object({
  /** One topic, or every topic the group has committed offsets for. */
  topic: topicNameSchema.optional(),
  to: resetTargetSchema,
  /** Nothing is written unless this is explicitly false. */
  dryRun: z.boolean().default(true),
});
export type ResetOffsetsInput = z.infer<typeof resetOffsetsSchema>;

export interface OffsetChange {
  topic: string;
  partition: number;
  /** null when the group had no committed offset for the partition. */
  current: string | null;
  target: string;
}

export interface ResetOffsetsResult {
  groupId: string;
  dryRun: boolean;
  changes: OffsetChange[];
}
