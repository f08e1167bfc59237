import { z } from "zod";
import { entityName, type SystemConfig } from "./system-file";

/** What the system API answers: the service map, the topic catalog, entity traces and consistency checks. */

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
