import { z } from "zod";
import { checkFilter, maxFilterLength } from "@/lib/kafka/filter";
import { compressionCodecs, type CompressionCodec, type KafkaMessage } from "./kafka-messages";
import { groupIdSchema, kafkaTimeSchema, resetTargetSchema, topicNameSchema, type OffsetChange } from "./kafka";

/** The fastest rate anyone may set; no rate means as fast as the brokers take it. */
export const maxReplayRate = 1_000_000;
/** Headers every re-published event carries, so consumers and audits can tell it from the original. */
export const replayHeaders = { job: "x-replay-job", source: "x-replay-source" } as const;

const offsetString = z.string().regex(/^\d{1,19}$/, "a non-negative whole number");

/** Which records of the source partitions a re-publish reads; ends are exclusive. */
export const replayRangeSchema = z.discriminatedUnion("kind", [
  /** Everything a read_committed consumer could read now, from each partition's beginning. */
  z.object({ kind: z.literal("all") }),
  /** The same offsets in every chosen partition, clamped to what each holds. */
  z.object({ kind: z.literal("offsets"), from: offsetString.optional(), to: offsetString.optional() }),
  z.object({ kind: z.literal("time"), from: kafkaTimeSchema.optional(), to: kafkaTimeSchema.optional() }),
]);
export type ReplayRange = z.infer<typeof replayRangeSchema>;

const filterSchema = z
  .string()
  .max(maxFilterLength)
  .default("")
  .transform((raw) => raw.trim())
  .superRefine((filter, ctx) => {
    const problem = filter ? checkFilter(filter) : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem.message });
  });

/** The codecs a re-publish can write with, or "topic": the target topic's own compression.type. */
export const replayCompressions = ["topic", ...compressionCodecs] as const;
export type ReplayCompression = (typeof replayCompressions)[number];

export const republishSpecSchema = z.object({
  kind: z.literal("republish"),
  source: z.object({
    topic: topicNameSchema,
    /** Empty: every partition. */
    partitions: z.array(z.number().int().min(0).max(999_999)).max(10_000).default([]),
    range: replayRangeSchema.default({ kind: "all" }),
  }),
  /** The message browser's filter language; empty copies every record of the range. */
  filter: filterSchema,
  target: z.object({
    topic: topicNameSchema,
    /** The copies' codec; "topic" or absent: the target topic's compression.type (none where it is "producer"). */
    compression: z.enum(replayCompressions).optional(),
  }),
  /** Events per second; absent: unlimited. */
  ratePerSecond: z.number().int().min(1).max(maxReplayRate).optional(),
});
export type RepublishSpec = z.infer<typeof republishSpecSchema>;

export const reprocessSpecSchema = z.object({
  kind: z.literal("reprocess"),
  groupId: groupIdSchema,
  /** One topic, or every topic the group has committed offsets for. */
  topic: topicNameSchema.optional(),
  to: resetTargetSchema.refine((to) => to.kind !== "latest", "reprocessing rewinds: choose earliest, a time, an offset or a shift"),
});
export type ReprocessSpec = z.infer<typeof reprocessSpecSchema>;

const serviceNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "a service name from SERVICES (lowercase letters, digits, '-')");

export const rebuildSpecSchema = z.object({
  kind: z.literal("rebuild"),
  /** A service from the console's SERVICES setting that exposes /admin/projections. */
  service: serviceNameSchema,
  projection: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "a projection name"),
  /** shadow: build beside the live read model and swap it in; in-place: drop it and consume again (empty meanwhile). */
  mode: z.enum(["shadow", "in-place"]).default("shadow"),
});
export type RebuildSpec = z.infer<typeof rebuildSpecSchema>;

export const replaySpecSchema = z.discriminatedUnion("kind", [republishSpecSchema, reprocessSpecSchema, rebuildSpecSchema]);
export type ReplaySpec = z.infer<typeof replaySpecSchema>;

/** POST /api/replay/jobs: the spec, and an explicit confirmation that it should run. */
export const createReplayJobSchema = z.object({
  spec: replaySpecSchema,
  confirm: z.literal(true, { error: "a replay runs only with confirm: true (ask for a dry run first)" }),
});

export const replayJobStates = ["queued", "running", "paused", "completed", "cancelled", "failed"] as const;
export type ReplayJobState = (typeof replayJobStates)[number];
export const finishedStates: ReadonlySet<ReplayJobState> = new Set(["completed", "cancelled", "failed"]);

export const replayJobActionSchema = z.enum(["pause", "resume", "cancel"]);
export type ReplayJobAction = z.infer<typeof replayJobActionSchema>;

export const replayJobListQuerySchema = z.object({
  state: z.enum(replayJobStates).optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1).max(500))
    .default(100),
});

export const replayJobIdSchema = z.string().regex(/^rp-[a-z0-9-]{6,64}$/, "a replay job id (rp-…)");
/** Path parameters of /api/replay/jobs/:id/… */
export const replayJobParams = z.object({ id: replayJobIdSchema });
export const replayJobActionParams = replayJobParams.extend({ action: replayJobActionSchema });

export interface PartitionRange {
  partition: number;
  /** First offset to read. */
  from: string;
  /** Offset the read stops before (the last stable offset at planning, or the range's end). */
  to: string;
}

export interface ConsumerOfTopic {
  groupId: string;
  state: string;
  members: number;
}

export interface RepublishPlan {
  kind: "republish";
  spec: RepublishSpec;
  ranges: Array<PartitionRange & { records: number; matched: number | null }>;
  /** Offsets in the ranges (an upper bound: compacted, aborted and filtered-out records are not copied). */
  records: number;
  /** Records the filter matched in the part scanned; equal to `records` without a filter. */
  matched: number;
  /** Records the dry run looked at to count matches (the rest is extrapolated). */
  scanned: number;
  /** `matched` counts every record of the ranges (no filter, or the whole range scanned in time). */
  exact: boolean;
  /** The first matching events, as the message browser shows them. */
  sample: KafkaMessage[];
  target: {
    topic: string;
    exists: boolean;
    partitions: number;
    /** same-partition: source partition p goes to target partition p (keys stay where they were). */
    mapping: "same-partition" | "by-key";
    /** The codec the copies are written with, and whether the spec chose it or the target topic's compression.type did. */
    compression: CompressionCodec;
    compressionFrom: "spec" | "topic";
  };
  /** Groups that read the target topic: they will see the replayed events, marked by the replay headers. */
  consumers: ConsumerOfTopic[];
  estimatedSeconds: number | null;
  warnings: string[];
}

export interface ReprocessPlan {
  kind: "reprocess";
  spec: ReprocessSpec;
  groupId: string;
  state: string;
  members: number;
  changes: OffsetChange[];
  /** Records the group will read again (sum of current − target where the group had an offset). */
  records: number;
  warnings: string[];
}

/** A projection a service exposes for rebuilding (GET <service>/admin/projections). */
export interface ProjectionInfo {
  service: string;
  name: string;
  database: string;
  collection: string;
  groupId: string;
  topic: string;
  state: "live" | "rebuilding";
  rebuiltAt: string | null;
  shadow: { collection: string; groupId: string; startedAt: string } | null;
}

export interface RebuildPlan {
  kind: "rebuild";
  spec: RebuildSpec;
  projection: ProjectionInfo;
  /** Documents in the live read model now. */
  documents: number;
  /** Events the rebuild reads (the topic's committed events). */
  records: number;
  steps: string[];
  warnings: string[];
}

export type ReplayPlan = RepublishPlan | ReprocessPlan | RebuildPlan;

export interface ReplayStep {
  name: string;
  state: "pending" | "running" | "done" | "failed";
  detail: string | null;
}

export interface PartitionProgress {
  /** Reprocess jobs may span several topics; re-publish has one source. */
  topic?: string;
  partition: number;
  from: string;
  to: string;
  /** Next offset to read; equal to `to` when the partition is done. */
  position: string;
  copied: number;
}

export interface ReplayProgress {
  partitions: PartitionProgress[];
  /** Events written to the target (re-publish) or re-read by the group (reprocess). */
  done: number;
  /** What `done` reaches at the end (an upper bound with a filter). */
  total: number;
  scanned: number;
  ratePerSecond: number;
  etaSeconds: number | null;
  updatedAt: string;
  /** A projection rebuild's steps, each with what it found. */
  steps?: ReplayStep[];
}

export interface ReplayJob {
  id: string;
  /** The Kafka cluster it runs on (the console's CLUSTER_NAME). */
  cluster: string;
  kind: ReplaySpec["kind"];
  state: ReplayJobState;
  spec: ReplaySpec;
  /** The dry run's numbers when the job was created. */
  plan: { records: number; matched: number; exact: boolean; mapping?: RepublishPlan["target"]["mapping"] };
  progress: ReplayProgress;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Why it failed, or what went wrong last and was ridden through. */
  error: string | null;
  /** The console instance running it now, if any. */
  owner: string | null;
  /** The group whose committed offsets are the job's progress (re-publish). */
  progressGroup: string | null;
}
