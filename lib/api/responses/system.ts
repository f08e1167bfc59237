import { z } from "zod";
import type { ConsistencyCheck, CopyComparison, DeclaredCopy, EntityTrace, SystemCatalog, SystemMap } from "@/lib/schemas/system";
import { describes } from "./describes";

// Zod schemas of what the system view's routes answer, for the OpenAPI document only.

const int64 = z.string().regex(/^-?\d{1,20}$/);
const health = z.enum(["ok", "warning", "critical", "unknown"]);

export const systemMap = describes<SystemMap>()(
  z.object({
    services: z.array(
      z.object({
        name: z.string(),
        description: z.string().nullable(),
        declared: z.boolean(),
        up: z.boolean().nullable(),
        errorRate: z.number().nullable(),
        health,
        database: z.string().nullable(),
        collections: z.array(z.object({ name: z.string(), documents: z.number().nullable() })),
        dashboard: z.string().nullable(),
      }),
    ),
    topics: z.array(z.object({ name: z.string(), partitions: z.number().int(), rate: z.number().nullable() })),
    groups: z.array(
      z.object({
        groupId: z.string(),
        state: z.string(),
        members: z.number().int(),
        clientIds: z.array(z.string()),
        service: z.string().nullable(),
        totalLag: int64,
        lagSeconds: z.number().nullable(),
        health,
      }),
    ),
    edges: z.array(
      z.object({
        kind: z.enum(["produces", "consumes"]),
        service: z.string().nullable(),
        topic: z.string(),
        groupId: z.string().nullable(),
        rate: z.number().nullable(),
        lag: int64.nullable(),
        lagSeconds: z.number().nullable(),
        health,
        source: z.enum(["metrics", "group-members", "config"]),
      }),
    ),
    warnings: z.array(z.string()),
    generatedAt: z.string(),
  }),
);

const example = z.object({
  key: z.string().nullable(),
  value: z.unknown(),
  headers: z.record(z.string(), z.string()),
  offset: int64,
  partition: z.number().int(),
  timestamp: z.string(),
});

export const systemCatalog = describes<SystemCatalog>()(
  z.object({
    description: z.string().nullable(),
    envelope: z
      .object({
        description: z.string(),
        key: z.string(),
        fields: z.array(z.object({ name: z.string(), type: z.string(), description: z.string() })),
        headers: z.array(z.object({ name: z.string(), description: z.string() })),
      })
      .nullable(),
    entities: z.array(
      z.object({
        name: z.string(),
        description: z.string().nullable(),
        topics: z.array(z.string()),
        documents: z.array(z.object({ service: z.string(), database: z.string(), collection: z.string() })),
      }),
    ),
    topics: z.array(
      z.object({
        topic: z.string(),
        producers: z.array(z.string()),
        consumers: z.array(z.string()),
        entities: z.array(z.string()),
        sampled: z.number().int(),
        eventTypes: z.array(z.object({ type: z.string(), count: z.number().int(), example })),
        keys: z.object({ distinct: z.number().int(), examples: z.array(z.string()) }),
      }),
    ),
    warnings: z.array(z.string()),
  }),
);

const comparison = describes<CopyComparison>()(
  z.object({
    copy: z.string(),
    entity: z.string(),
    id: z.string(),
    state: z.enum(["consistent", "stale", "diverged", "missing", "orphan"]),
    sourceVersion: z.number().nullable(),
    copyVersion: z.number().nullable(),
    differences: z.array(z.object({ field: z.string(), source: z.unknown(), copy: z.unknown() })),
    staleSeconds: z.number().nullable(),
    replay: z.object({ topic: z.string(), partition: z.number().int(), key: z.string() }).nullable(),
  }),
);

export const entityTrace = describes<EntityTrace>()(
  z.object({
    query: z.object({ id: z.string().optional(), entity: z.string().optional(), traceId: z.string().optional() }),
    events: z.array(
      z.object({
        topic: z.string(),
        partition: z.number().int(),
        offset: int64,
        timestamp: z.string(),
        key: z.string().nullable(),
        type: z.string().nullable(),
        entity: z.string().nullable(),
        traceId: z.string().nullable(),
        headers: z.record(z.string(), z.string()),
        value: z.unknown(),
        groups: z.array(
          z.object({ groupId: z.string(), service: z.string().nullable(), committedOffset: int64.nullable(), processed: z.boolean(), behind: int64 }),
        ),
      }),
    ),
    documents: z.array(
      z.object({
        entity: z.string(),
        id: z.string(),
        service: z.string(),
        database: z.string(),
        collection: z.string(),
        document: z.unknown(),
        error: z.string().nullable(),
      }),
    ),
    scans: z.array(
      z.object({
        topic: z.string(),
        entity: z.string().nullable(),
        key: z.string().nullable(),
        partitions: z.array(z.number().int()),
        partitionCount: z.number().int(),
        scanned: z.number().int(),
        matched: z.number().int(),
        ms: z.number(),
        error: z.string().nullable(),
      }),
    ),
    consistency: z.array(comparison),
    traced: z.array(z.object({ entity: z.string(), id: z.string(), via: z.string() })),
    warnings: z.array(z.string()),
    ms: z.number(),
  }),
);

const counts = z.object({
  checked: z.number().int(),
  consistent: z.number().int(),
  stale: z.number().int(),
  diverged: z.number().int(),
  missing: z.number().int(),
  orphan: z.number().int(),
});

export const consistencyCheck = describes<ConsistencyCheck>()(
  z.object({
    id: z.string(),
    copy: z.string(),
    entity: z.string(),
    source: z.string(),
    target: z.string(),
    state: z.enum(["running", "completed", "failed"]),
    error: z.string().nullable(),
    progress: z.object({ scanned: z.number().int(), total: z.number().int() }),
    counts,
    mismatches: z.array(comparison),
    createdBy: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  }),
);

export const declaredCopy = describes<DeclaredCopy>()(
  z.object({ name: z.string(), entity: z.string(), source: z.string(), target: z.string(), fields: z.array(z.string()), topic: z.string() }),
);
