import "server-only";
import { compileFilter, parseFilter, requiredNeedles } from "@/lib/kafka/filter";
import type { KafkaMessage } from "@/lib/schemas/kafka-messages";
import type { ConsumerGroupLag } from "@/lib/schemas/kafka";
import type { EntityTrace, GroupPosition, SystemMap, TraceDocument, TraceEvent, TraceQuery, TraceScan } from "@/lib/schemas/system";
import type { SystemConfig } from "@/lib/schemas/system-file";
import { AppError } from "../http/errors";
import { listConsumerGroups } from "../kafka/groups";
import { withFetchCluster } from "../kafka/messages-client";
import { listOffsets, topicPartitions } from "../kafka/messages-plan";
import { scanMessages } from "../kafka/messages";
import { partitionForKey } from "../kafka/partitioner";
import { compareCopiesOf } from "./consistency";
import { getSystemConfig } from "./system-file";
import { findEntityDocument, relaxed, resolveCollection, valueAt } from "./documents";
import { eventView } from "./event-view";
import { buildSystemMap } from "./map";

type Entity = SystemConfig["entities"][number];

/** A trace reads at most this many events per topic, and stops after this long. */
const maxEventsPerTopic = 1_000;
const traceTimeLimitMs = 20_000;

/** A filter literal: JSON string escapes are the filter language's. */
const literal = (text: string) => JSON.stringify(text);

/**
 * Reads the partitions of `topic` that can hold what `filter` matches, from their first
 * retained offset to their end now: for a key, only the partition Kafka's default
 * partitioner puts it in; for a header, every one.
 */
async function scanTopic(
  topic: string,
  entity: string | null,
  filter: string,
  key: string | null,
  signal: AbortSignal,
): Promise<{ scan: TraceScan; messages: KafkaMessage[] }> {
  const started = performance.now();
  const scan: TraceScan = { topic, entity, key, partitions: [], partitionCount: 0, scanned: 0, matched: 0, ms: 0, error: null };
  const messages: KafkaMessage[] = [];
  try {
    const all = await topicPartitions(topic);
    scan.partitionCount = all.length;
    scan.partitions = key === null ? all : [partitionForKey(key, all.length)];
    const [low, high] = await withFetchCluster(topic, (cluster) =>
      Promise.all([listOffsets(cluster, topic, scan.partitions, "earliest"), listOffsets(cluster, topic, scan.partitions, "latest")]),
    );
    const tree = parseFilter(filter);
    const plan = {
      topic,
      ranges: scan.partitions.map((partition) => ({ partition, from: low.get(partition) ?? 0n, to: high.get(partition) ?? 0n })),
      predicate: compileFilter(tree),
      needles: requiredNeedles(tree)?.map((needle) => Buffer.from(needle, "utf8")) ?? null,
      maxScan: Number.MAX_SAFE_INTEGER,
      maxMatches: maxEventsPerTopic,
    };
    for await (const event of scanMessages(plan, signal)) {
      if (event.type === "message") messages.push(event.message);
      if (event.type === "done") {
        scan.scanned = event.scanned;
        scan.matched = event.matched;
        if (event.reason === "match-cap") scan.error = `More than ${maxEventsPerTopic} events: the first ${maxEventsPerTopic} are shown`;
        if (event.reason === "time-limit" || event.reason === "stopped") scan.error = "The trace's time limit ended the scan early";
      }
    }
  } catch (error) {
    scan.error = (error as Error).message;
  }
  scan.ms = Math.round(performance.now() - started);
  return { scan, messages };
}

function toTraceEvent(topic: string, entity: string | null, message: KafkaMessage): TraceEvent {
  const { headers, value, type } = eventView(message);
  return {
    topic,
    partition: message.partition,
    offset: message.offset,
    timestamp: new Date(Number(message.timestamp)).toISOString(),
    key: message.key?.text ?? null,
    type,
    entity,
    traceId: headers.traceId ?? null,
    headers,
    value,
    groups: [],
  };
}

/** Where each group reading the event's partition stands relative to it. */
async function addGroupPositions(events: TraceEvent[], warnings: string[], positions: Promise<[ConsumerGroupLag[] | Error, SystemMap | null]>): Promise<void> {
  const [found, map] = await positions;
  if (events.length === 0) return;
  if (found instanceof Error) warnings.push(`Consumer group positions are missing: ${found.message}`);
  const groups = found instanceof Error ? [] : found;
  const serviceOf = new Map((map?.groups ?? []).map((g) => [g.groupId, g.service]));
  const scoped = map ? groups.filter((g) => serviceOf.has(g.groupId)) : groups;
  for (const event of events) {
    event.groups = scoped.flatMap((group): GroupPosition[] => {
      const partition = group.partitions.find((p) => p.topic === event.topic && p.partition === event.partition);
      if (!partition) return [];
      const committed = partition.committedOffset === null ? null : BigInt(partition.committedOffset);
      const offset = BigInt(event.offset);
      const processed = committed !== null && committed > offset;
      return [
        {
          groupId: group.groupId,
          service: serviceOf.get(group.groupId) ?? null,
          committedOffset: partition.committedOffset,
          processed,
          behind: processed ? "0" : String(offset - (committed ?? 0n) + 1n),
        },
      ];
    });
  }
}

async function readDocuments(entity: Entity, id: string, warnings: string[]): Promise<TraceDocument[]> {
  return Promise.all(
    entity.documents.map(async (ref): Promise<TraceDocument> => {
      const base = { entity: entity.name, id, service: ref.service, database: ref.database };
      const collection = await resolveCollection(ref, warnings);
      try {
        const found = await findEntityDocument(ref, collection, id);
        return { ...base, collection, document: found ? relaxed(found) : null, error: null };
      } catch (error) {
        return { ...base, collection, document: null, error: (error as Error).message };
      }
    }),
  );
}

/**
 * Everything about one entity (or one trace id) across the system: its events on every
 * declared topic on one timeline — found by key in the one partition the key hashes to, or
 * by the `traceId` header in every partition — each service's document for it, where every
 * consumer group stands relative to each event, the declared copies compared, and the
 * entities its documents name (an order's customer) traced along.
 */
export async function traceEntity(query: TraceQuery): Promise<EntityTrace> {
  const started = performance.now();
  const config = getSystemConfig();
  const warnings: string[] = [];
  if (config.entities.length === 0) {
    throw new AppError(
      "BAD_REQUEST",
      "No entities are declared in the system config (SYSTEM_CONFIG_FILE): the trace needs to know which topics carry which ids",
    );
  }
  const signal = AbortSignal.timeout(traceTimeLimitMs);
  // Where the groups stand is read while the partitions are scanned (both take a moment).
  const positions = Promise.all([listConsumerGroups().catch((error: Error) => error), buildSystemMap().catch(() => null)]);
  const events: TraceEvent[] = [];
  const scans: TraceScan[] = [];
  const documents: TraceDocument[] = [];
  const consistency: EntityTrace["consistency"] = [];
  const traced: EntityTrace["traced"] = [];

  const traceKey = async (entity: Entity, id: string) => {
    const [found, docs, compared] = await Promise.all([
      Promise.all(entity.topics.map((topic) => scanTopic(topic, entity.name, `key == ${literal(id)}`, id, signal))),
      readDocuments(entity, id, warnings),
      compareCopiesOf(entity.name, id, warnings),
    ]);
    for (const { scan, messages } of found) {
      scans.push(scan);
      events.push(...messages.map((m) => toTraceEvent(scan.topic, entity.name, m)));
    }
    documents.push(...docs);
    consistency.push(...compared);
    return { events: found.reduce((n, f) => n + f.messages.length, 0), docs };
  };

  if (query.id) {
    const entities = query.entity ? config.entities.filter((e) => e.name === query.entity) : config.entities;
    if (entities.length === 0)
      throw new AppError("NOT_FOUND", `No entity "${query.entity}" is declared (declared: ${config.entities.map((e) => e.name).join(", ")})`);
    const results = await Promise.all(entities.map(async (entity) => ({ entity, ...(await traceKey(entity, query.id!)) })));
    const matched = results.filter((r) => r.events > 0 || r.docs.some((d) => d.document !== null));
    for (const { entity } of matched) traced.push({ entity: entity.name, id: query.id, via: "id" });
    // Entities the documents name, one step along.
    const related = new Map<string, { entity: Entity; id: string; via: string }>();
    for (const { entity, docs } of matched) {
      for (const link of entity.related) {
        for (const doc of docs) {
          const value = doc.document ? valueAt(doc.document as Record<string, unknown>, link.field) : undefined;
          const target = config.entities.find((e) => e.name === link.entity);
          if (target && (typeof value === "string" || typeof value === "number") && !traced.some((t) => t.entity === target.name && t.id === String(value))) {
            related.set(`${target.name}\u0000${value}`, { entity: target, id: String(value), via: `${entity.name}.${link.field}` });
          }
        }
      }
    }
    for (const { entity, id, via } of related.values()) {
      traced.push({ entity: entity.name, id, via });
      await traceKey(entity, id);
    }
    if (matched.length === 0) warnings.push(`No event or document of any declared entity has the id "${query.id}"`);
  } else {
    const traceId = query.traceId!;
    const topics = [...new Set(config.entities.flatMap((e) => e.topics))];
    const found = await Promise.all(
      topics.map((topic) =>
        scanTopic(topic, config.entities.find((e) => e.topics.includes(topic))?.name ?? null, `header.traceId == ${literal(traceId)}`, null, signal),
      ),
    );
    for (const { scan, messages } of found) {
      scans.push(scan);
      events.push(...messages.map((m) => toTraceEvent(scan.topic, scan.entity, m)));
    }
    // The documents of every entity the trace touched.
    const keys = new Map<string, { entity: Entity; id: string }>();
    for (const event of events) {
      const entity = config.entities.find((e) => e.name === event.entity);
      if (entity && event.key) keys.set(`${entity.name}\u0000${event.key}`, { entity, id: event.key });
    }
    for (const { entity, id } of keys.values()) {
      traced.push({ entity: entity.name, id, via: "traceId" });
      const [docs, compared] = await Promise.all([readDocuments(entity, id, warnings), compareCopiesOf(entity.name, id, warnings)]);
      documents.push(...docs);
      consistency.push(...compared);
    }
    if (events.length === 0) warnings.push(`No event on the declared topics carries the trace id "${traceId}"`);
  }

  events.sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.topic.localeCompare(b.topic) || Number(BigInt(a.offset) - BigInt(b.offset)));
  await addGroupPositions(events, warnings, positions);
  for (const scan of scans) if (scan.error) warnings.push(`${scan.topic}: ${scan.error}`);
  return { query, events, documents, scans, consistency, traced, warnings, ms: Math.round(performance.now() - started) };
}
