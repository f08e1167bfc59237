import { z } from "zod";
import type { AuditEntry } from "@/lib/schemas/audit";
import { compressionCodecs } from "@/lib/schemas/kafka-messages";
import {
  replayCompressions,
  replayJobStates,
  replayRangeSchema,
  reprocessSpecSchema,
  type ProjectionInfo,
  type RebuildPlan,
  type ReplayJob,
  type ReplaySpec,
  type ReprocessPlan,
  type RepublishPlan,
} from "@/lib/schemas/replay";
import { kafkaMessage, resetOffsetsResult } from "./kafka";
import { describes } from "./describes";

// Zod schemas of what the replay, projection and audit routes answer, for the OpenAPI document only.

const int64 = z.string().regex(/^-?\d{1,20}$/);

/** A spec as stored and answered: the request's schemas after their defaults (no transforms, so JSON Schema can say it). */
const republishSpec = z.object({
  kind: z.literal("republish"),
  source: z.object({ topic: z.string(), partitions: z.array(z.number().int()), range: replayRangeSchema }),
  filter: z.string(),
  target: z.object({ topic: z.string(), compression: z.enum(replayCompressions).optional() }),
  ratePerSecond: z.number().int().optional(),
});
const reprocessSpec = z.object({ kind: z.literal("reprocess"), groupId: z.string(), topic: z.string().optional(), to: reprocessSpecSchema.shape.to });
const rebuildSpec = z.object({ kind: z.literal("rebuild"), service: z.string(), projection: z.string(), mode: z.enum(["shadow", "in-place"]) });
const replaySpec = describes<ReplaySpec>()(z.discriminatedUnion("kind", [republishSpec, reprocessSpec, rebuildSpec]));

const consumerOfTopic = z.object({ groupId: z.string(), state: z.string(), members: z.number().int() });
const partitionRange = { partition: z.number().int(), from: int64, to: int64 };

const republishPlan = describes<RepublishPlan>()(
  z.object({
    kind: z.literal("republish"),
    spec: republishSpec,
    ranges: z.array(z.object({ ...partitionRange, records: z.number(), matched: z.number().nullable() })),
    records: z.number(),
    matched: z.number(),
    scanned: z.number(),
    exact: z.boolean(),
    sample: z.array(kafkaMessage),
    target: z.object({
      topic: z.string(),
      exists: z.boolean(),
      partitions: z.number().int(),
      mapping: z.enum(["same-partition", "by-key"]),
      compression: z.enum(compressionCodecs),
      compressionFrom: z.enum(["spec", "topic"]),
    }),
    consumers: z.array(consumerOfTopic),
    estimatedSeconds: z.number().nullable(),
    warnings: z.array(z.string()),
  }),
);

const reprocessPlan = describes<ReprocessPlan>()(
  z.object({
    kind: z.literal("reprocess"),
    spec: reprocessSpec,
    groupId: z.string(),
    state: z.string(),
    members: z.number().int(),
    changes: resetOffsetsResult.shape.changes,
    records: z.number(),
    warnings: z.array(z.string()),
  }),
);

export const projectionInfo = describes<ProjectionInfo>()(
  z.object({
    service: z.string(),
    name: z.string(),
    database: z.string(),
    collection: z.string(),
    groupId: z.string(),
    topic: z.string(),
    state: z.enum(["live", "rebuilding"]),
    rebuiltAt: z.string().nullable(),
    shadow: z.object({ collection: z.string(), groupId: z.string(), startedAt: z.string() }).nullable(),
  }),
);

const rebuildPlan = describes<RebuildPlan>()(
  z.object({
    kind: z.literal("rebuild"),
    spec: rebuildSpec,
    projection: projectionInfo,
    documents: z.number(),
    records: z.number(),
    steps: z.array(z.string()),
    warnings: z.array(z.string()),
  }),
);

export const replayPlan = z.discriminatedUnion("kind", [republishPlan, reprocessPlan, rebuildPlan]);

export const replayJob = describes<ReplayJob>()(
  z.object({
    id: z.string(),
    cluster: z.string(),
    kind: z.enum(["republish", "reprocess", "rebuild"]),
    state: z.enum(replayJobStates),
    spec: replaySpec,
    plan: z.object({ records: z.number(), matched: z.number(), exact: z.boolean(), mapping: z.enum(["same-partition", "by-key"]).optional() }),
    progress: z.object({
      partitions: z.array(z.object({ topic: z.string().optional(), ...partitionRange, position: int64, copied: z.number() })),
      done: z.number(),
      total: z.number(),
      scanned: z.number(),
      ratePerSecond: z.number(),
      etaSeconds: z.number().nullable(),
      updatedAt: z.string(),
      steps: z.array(z.object({ name: z.string(), state: z.enum(["pending", "running", "done", "failed"]), detail: z.string().nullable() })).optional(),
    }),
    createdBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
    owner: z.string().nullable(),
    progressGroup: z.string().nullable(),
  }),
);

export const auditEntry = describes<AuditEntry>()(
  z.object({
    id: z.string(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    target: z.string(),
    outcome: z.enum(["ok", "failed", "refused"]),
    details: z.record(z.string(), z.unknown()),
  }),
);

export const projectionList = z.object({
  projections: z.array(projectionInfo),
  unavailable: z.array(z.object({ service: z.string(), message: z.string() })),
});
