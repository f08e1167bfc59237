import { z } from "zod";
import { topicNameSchema } from "./kafka";

/**
 * The system view's declarations: what Kafka, MongoDB and Prometheus cannot tell about the
 * services (which database each owns, which entities travel on which topics, which data is
 * copied from one service to another). Read from the `eventdeck` section of the file named
 * by SYSTEM_CONFIG_FILE (default `eventdeck.config.json`).
 */

const serviceName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "lowercase letters, digits and '-'");
const entityName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "lowercase letters, digits and '-'");
const mongoName = z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, "a MongoDB database or collection name");
const fieldPath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, "a field path such as customerId or customer.status");
const metricName = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "a Prometheus metric name");
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "a Prometheus label name");
const pattern = z
  .string()
  .max(500)
  .refine((text) => {
    try {
      new RegExp(text);
      return true;
    } catch {
      return false;
    }
  }, "not a valid regular expression");

/** A collection holding an entity's documents, found by `idField` equal to the entity id. */
const documentRef = z.strictObject({
  service: serviceName,
  database: mongoName,
  collection: mongoName,
  /** A rebuildable read model of the service: the collection its /admin/projections names live wins over `collection`. */
  projection: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/)
    .optional(),
  idField: fieldPath.default("_id"),
});
export type DocumentRef = z.infer<typeof documentRef>;

export const systemConfigSchema = z.strictObject({
  eventdeck: z
    .strictObject({
      description: z.string().max(4000).optional(),
      /** Only topics and consumer groups matching these belong to the system (default: every one not internal). */
      match: z.strictObject({ topics: pattern.optional(), groups: pattern.optional() }).default({}),
      /** The metrics the services export: events produced and consumed per service and topic, handler errors. */
      metrics: z
        .strictObject({
          produced: metricName.default("storefront_events_produced_total"),
          consumed: metricName.default("storefront_events_consumed_total"),
          errors: metricName.default("storefront_handler_errors_total"),
          serviceLabel: labelName.default("service"),
          topicLabel: labelName.default("topic"),
        })
        .default({
          produced: "storefront_events_produced_total",
          consumed: "storefront_events_consumed_total",
          errors: "storefront_handler_errors_total",
          serviceLabel: "service",
          topicLabel: "topic",
        }),
      services: z
        .array(
          z.strictObject({
            name: serviceName,
            description: z.string().max(1000).optional(),
            /** Kafka client ids its consumers use (default: its name). */
            clientIds: z.array(z.string().min(1).max(255)).max(20).optional(),
            /** Its own database, shown with its collections. */
            database: mongoName.optional(),
            /** Topics it publishes to, besides those its metrics show. */
            produces: z.array(topicNameSchema).max(200).default([]),
            /** Its consumer groups, besides those whose members carry one of its client ids. */
            groups: z.array(z.string().min(1).max(255)).max(200).default([]),
            /** A dashboard id of the metrics pages with the service's variable. */
            dashboard: z
              .string()
              .regex(/^[a-z0-9-]{1,64}$/)
              .optional(),
          }),
        )
        .max(200)
        .default([]),
      /** The documented event envelope, shown to newcomers on the system page. */
      envelope: z
        .strictObject({
          description: z.string().max(2000).default(""),
          key: z.string().max(500).default(""),
          fields: z
            .array(z.strictObject({ name: z.string().min(1).max(100), type: z.string().max(100), description: z.string().max(1000) }))
            .max(100)
            .default([]),
          headers: z
            .array(z.strictObject({ name: z.string().min(1).max(100), description: z.string().max(1000) }))
            .max(100)
            .default([]),
        })
        .optional(),
      entities: z
        .array(
          z.strictObject({
            name: entityName,
            description: z.string().max(1000).optional(),
            /** Topics whose message key is this entity's id. */
            topics: z.array(topicNameSchema).min(1).max(50),
            documents: z.array(documentRef).max(50).default([]),
            /** Other entities this one names in a field of its documents (an order's customerId): traced with it. */
            related: z
              .array(z.strictObject({ entity: entityName, field: fieldPath }))
              .max(20)
              .default([]),
          }),
        )
        .max(100)
        .default([]),
      /** Data one service copies from another, compared by the consistency check. */
      copies: z
        .array(
          z.strictObject({
            name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "lowercase letters, digits and '-'"),
            entity: entityName,
            source: documentRef,
            copy: documentRef,
            /** Fields that must agree. */
            fields: z.array(fieldPath).min(1).max(100),
            /** A number that grows with every change of the source: tells a stale copy from a diverged one. */
            versionField: fieldPath.default("version"),
            /** When the source last changed: how long a stale copy has been stale at most. */
            updatedAtField: fieldPath.optional(),
            /** The topic carrying the source's changes; an entity replay re-publishes the entity's events on it. */
            topic: topicNameSchema,
          }),
        )
        .max(100)
        .default([]),
    })
    .superRefine((system, ctx) => {
      const entities = new Set(system.entities.map((e) => e.name));
      system.entities.forEach((entity, i) => {
        entity.related.forEach((related, j) => {
          if (!entities.has(related.entity))
            ctx.addIssue({ code: "custom", path: ["entities", i, "related", j, "entity"], message: `no entity "${related.entity}"` });
        });
      });
      system.copies.forEach((copy, i) => {
        if (!entities.has(copy.entity)) ctx.addIssue({ code: "custom", path: ["copies", i, "entity"], message: `no entity "${copy.entity}"` });
      });
      const names = system.copies.map((c) => c.name);
      names.forEach((name, i) => {
        if (names.indexOf(name) !== i) ctx.addIssue({ code: "custom", path: ["copies", i, "name"], message: `"${name}" is declared twice` });
      });
    }),
});
export type SystemConfig = z.infer<typeof systemConfigSchema>["eventdeck"];

// ── The map ─────────────────────────────────────────────────────────────────

export type Health = "ok" | "warning" | "critical" | "unknown";

export interface MapService {
  name: string;
  description: string | null;
  declared: boolean;
  /** Prometheus's `up` for its scrape target: null when Prometheus has none or is down. */
  up: boolean | null;
  /** Handler errors per second over the last minute. */
  errorRate: number | null;
  health: Health;
  database: string | null;
  collections: Array<{ name: string; documents: number | null }>;
  dashboard: string | null;
}

export interface MapTopic {
  name: string;
  partitions: number;
  /** Messages per second over the last minute (all producers), from the services' metrics. */
  rate: number | null;
}

export interface MapGroup {
  groupId: string;
  state: string;
  members: number;
  clientIds: string[];
  /** The service whose group it is; null for a consumer from outside the declared services. */
  service: string | null;
  totalLag: string;
  lagSeconds: number | null;
  health: Health;
}

export interface MapEdge {
  kind: "produces" | "consumes";
  service: string | null;
  topic: string;
  /** For consumes: the group. */
  groupId: string | null;
  /** Events per second over the last minute; null when the metrics do not say. */
  rate: number | null;
  lag: string | null;
  lagSeconds: number | null;
  health: Health;
  /** Where the edge was learnt. */
  source: "metrics" | "group-members" | "config";
}

export interface SystemMap {
  services: MapService[];
  topics: MapTopic[];
  groups: MapGroup[];
  edges: MapEdge[];
  /** Backends or services that did not answer: the map is drawn from what did. */
  warnings: string[];
  generatedAt: string;
}

// ── The topic catalog ───────────────────────────────────────────────────────

export interface CatalogTopic {
  topic: string;
  producers: string[];
  consumers: string[];
  /** Entities whose id is this topic's key. */
  entities: string[];
  sampled: number;
  eventTypes: Array<{
    type: string;
    count: number;
    example: { key: string | null; value: unknown; headers: Record<string, string>; offset: string; partition: number; timestamp: string };
  }>;
  keys: { distinct: number; examples: string[] };
}

export interface SystemCatalog {
  description: string | null;
  envelope: NonNullable<SystemConfig["envelope"]> | null;
  entities: Array<{ name: string; description: string | null; topics: string[]; documents: Array<{ service: string; database: string; collection: string }> }>;
  topics: CatalogTopic[];
  warnings: string[];
}

// ── Trace ───────────────────────────────────────────────────────────────────

export const traceQuerySchema = z
  .object({
    /** An entity id: the message key of its events. */
    id: z.string().trim().min(1).max(200).optional(),
    /** Narrows an id to one declared entity (default: every entity). */
    entity: entityName.optional(),
    /** A trace id: events carrying it in their `traceId` header (every partition is read). */
    traceId: z.string().trim().min(1).max(200).optional(),
  })
  .refine((q) => Boolean(q.id) !== Boolean(q.traceId), "give either id or traceId");
export type TraceQuery = z.infer<typeof traceQuerySchema>;

export interface GroupPosition {
  groupId: string;
  service: string | null;
  committedOffset: string | null;
  /** Whether the group has read past this event. */
  processed: boolean;
  /** Events of the partition the group still has to read up to and including this one (0 when processed). */
  behind: string;
}

export interface TraceEvent {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  /** From the envelope or the `type` header. */
  type: string | null;
  entity: string | null;
  traceId: string | null;
  headers: Record<string, string>;
  value: unknown;
  groups: GroupPosition[];
}

export interface TraceDocument {
  entity: string;
  id: string;
  service: string;
  database: string;
  collection: string;
  /** The document as Extended JSON (relaxed), or null when the collection holds none for this id. */
  document: unknown;
  error: string | null;
}

export interface TraceScan {
  topic: string;
  entity: string | null;
  /** The key looked for (null for a trace id). */
  key: string | null;
  /** Partitions read: the one the key hashes to, or every one for a trace id. */
  partitions: number[];
  partitionCount: number;
  scanned: number;
  matched: number;
  ms: number;
  error: string | null;
}

export interface CopyComparison {
  copy: string;
  entity: string;
  id: string;
  state: "consistent" | "stale" | "diverged" | "missing" | "orphan";
  sourceVersion: number | null;
  copyVersion: number | null;
  /** Fields whose values differ: source and copy values as Extended JSON. */
  differences: Array<{ field: string; source: unknown; copy: unknown }>;
  /** For a stale copy: seconds since the source changed (how long the copy has been out of date at most). */
  staleSeconds: number | null;
  /** Where an entity replay re-publishes from: the source topic and the partition of the id. */
  replay: { topic: string; partition: number; key: string } | null;
}

export interface EntityTrace {
  query: TraceQuery;
  events: TraceEvent[];
  documents: TraceDocument[];
  scans: TraceScan[];
  consistency: CopyComparison[];
  /** Entities traced along: [entity, id] pairs found in the documents' related fields or the trace's keys. */
  traced: Array<{ entity: string; id: string; via: string }>;
  warnings: string[];
  ms: number;
}

// ── Consistency checks ──────────────────────────────────────────────────────

export const startConsistencyCheckSchema = z.strictObject({
  /** The name of a declared copy. */
  copy: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "the name of a declared copy"),
});

export const consistencyCheckParams = z.object({ id: z.string().regex(/^cc-[a-z0-9-]{6,64}$/, "a check id (cc-…)") });

export const consistencyCheckStates = ["running", "completed", "failed"] as const;

export interface ConsistencyCheck {
  id: string;
  copy: string;
  entity: string;
  source: string;
  target: string;
  state: (typeof consistencyCheckStates)[number];
  error: string | null;
  progress: { scanned: number; total: number };
  counts: { checked: number; consistent: number; stale: number; diverged: number; missing: number; orphan: number };
  /** The first mismatches found (at most 1,000). */
  mismatches: CopyComparison[];
  createdBy: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface DeclaredCopy {
  name: string;
  entity: string;
  source: string;
  target: string;
  fields: string[];
  topic: string;
}
