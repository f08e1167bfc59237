import "server-only";
import type { Broker, Cluster } from "kafkajs";
import type { KafkaMessage, ScanEndReason, ScanEvent, ScanRange } from "@/lib/schemas/kafka-messages";
import { AppError } from "../http/errors";
import { kafkaCall } from "./call";
import { toKafkaError } from "./errors";
import { connectFetchCluster, withFetchCluster } from "./messages-client";
import { RecordSubject, toKafkaMessage, type RawRecord } from "./messages-decode";
import { checkPartitions, listOffsets, topicPartitions, type ScanPlan } from "./messages-plan";

export { planScan, type ScanPlan } from "./messages-plan";

/** Payloads of matches sent to the page are cut beyond this many bytes; the single-message view shows all. */
const listPayloadLimit = 64 * 1024;
const fullPayloadLimit = 16 * 1024 * 1024;
/** A scan ends by itself after this long, whatever the caps say. */
const scanTimeLimitMs = 120_000;
const progressEveryMs = 200;
/** Fetch sizes grow from small (a page of recent messages) to large (a long search). */
const firstPartitionFetchBytes = 256 * 1024;
const largestPartitionFetchBytes = 16 * 1024 * 1024;
const largestFetchBytes = 48 * 1024 * 1024;
const READ_UNCOMMITTED = 0;


interface PartitionCursor {
  partition: number;
  next: bigint;
  to: bigint;
  fetchBytes: number;
  emptyFetches: number;
}

interface FetchedPartition {
  partition: number;
  messages: RawRecord[];
}

const retriable = /NOT_LEADER|LEADER_NOT_AVAILABLE|UNKNOWN_TOPIC_OR_PARTITION|FENCED_LEADER_EPOCH|NOT_CURRENT|BrokerNotFound|Connection/;

/** One Fetch to the leader of `cursors`' partitions; on a leader change, refreshes metadata and asks again once. */
async function fetchFrom(cluster: Cluster, topic: string, nodeId: string, cursors: PartitionCursor[]): Promise<FetchedPartition[]> {
  const request = (broker: Broker) =>
    broker.fetch({
      replicaId: -1,
      isolationLevel: READ_UNCOMMITTED,
      // Everything asked for is below the high watermark: no reason for the broker to wait.
      maxWaitTime: 0,
      minBytes: 1,
      maxBytes: largestFetchBytes,
      topics: [{ topic, partitions: cursors.map((c) => ({ partition: c.partition, fetchOffset: String(c.next), maxBytes: c.fetchBytes })) }],
    }) as Promise<{ responses: Array<{ partitions: FetchedPartition[] }> }>;
  try {
    return (await request(await cluster.findBroker({ nodeId }))).responses.flatMap((r) => r.partitions);
  } catch (error) {
    const kind = `${(error as { type?: string }).type ?? ""} ${(error as Error).name ?? ""}`;
    if (!retriable.test(kind)) throw error;
    await cluster.refreshMetadata();
    const leaders = cluster.findLeaderForPartitions(topic, cursors.map((c) => c.partition));
    const results = await Promise.all(
      Object.entries(leaders).map(async ([leader, partitions]) => {
        const broker = await cluster.findBroker({ nodeId: leader });
        return (await request(broker).then((r) => r.responses)).flatMap((r) => r.partitions).filter((p) => partitions.includes(p.partition));
      }),
    );
    return results.flat();
  }
}

/**
 * Reads the planned ranges with Fetch requests straight to each partition's leader (no
 * consumer group), tests each record against the filter and yields the matches, progress
 * every 200 ms, and one final `done` with why it ended: the ranges' end, the scan cap,
 * the match cap, `signal` (the page's stop button or a closed connection), or the time
 * limit. Records past the high watermark taken at planning are not read: a scan has an end.
 */
export async function* scanMessages(plan: ScanPlan, signal: AbortSignal): AsyncGenerator<ScanEvent> {
  const ranges: ScanRange[] = plan.ranges.map((r) => ({ partition: r.partition, from: String(r.from), to: String(r.to) }));
  const total = plan.ranges.reduce((sum, r) => sum + Number(r.to - r.from), 0);
  yield { type: "start", ranges, maxScan: plan.maxScan, maxMatches: plan.maxMatches, total };

  const cursors = plan.ranges
    .filter((r) => r.from < r.to)
    .map((r): PartitionCursor => ({ partition: r.partition, next: r.from, to: r.to, fetchBytes: firstPartitionFetchBytes, emptyFetches: 0 }));
  let scanned = 0;
  let matched = 0;
  let reason: ScanEndReason = "end";
  const deadline = Date.now() + scanTimeLimitMs;
  let lastProgress = Date.now();
  const subject = new RecordSubject();
  const cluster = cursors.length > 0 ? await kafkaCall("connect", () => connectFetchCluster()) : null;

  try {
    if (cluster) await kafkaCall("metadata", () => cluster.addTargetTopic(plan.topic));
    while (cluster && cursors.length > 0) {
      if (signal.aborted) {
        reason = "stopped";
        break;
      }
      if (Date.now() > deadline) {
        reason = "time-limit";
        break;
      }
      const leaders = cluster.findLeaderForPartitions(plan.topic, cursors.map((c) => c.partition));
      let fetched: FetchedPartition[];
      try {
        fetched = (await Promise.all(Object.entries(leaders).map(([nodeId, partitions]) => fetchFrom(cluster, plan.topic, nodeId, cursors.filter((c) => partitions.includes(c.partition)))))).flat();
      } catch (error) {
        if (signal.aborted) {
          reason = "stopped";
          break;
        }
        throw toKafkaError(error);
      }

      const matches: KafkaMessage[] = [];
      let capped: ScanEndReason | null = null;
      for (const { partition, messages } of fetched) {
        const cursor = cursors.find((c) => c.partition === partition);
        if (!cursor) continue;
        let advanced = false;
        for (const record of messages) {
          const offset = BigInt(record.offset);
          // A fetch starts at the beginning of the batch holding the offset asked for.
          if (offset < cursor.next) continue;
          if (offset >= cursor.to) {
            cursor.next = cursor.to;
            break;
          }
          cursor.next = offset + 1n;
          advanced = true;
          if (record.isControlRecord) continue;
          scanned++;
          if (!plan.predicate || plan.predicate(subject.reset(partition, record))) {
            matched++;
            matches.push(toKafkaMessage(partition, record, listPayloadLimit));
            if (matched >= plan.maxMatches) {
              capped = "match-cap";
              break;
            }
          }
          if (scanned >= plan.maxScan) {
            capped = "scan-cap";
            break;
          }
        }
        if (capped) break;
        cursor.emptyFetches = advanced ? 0 : cursor.emptyFetches + 1;
        cursor.fetchBytes = Math.min(cursor.fetchBytes * 2, largestPartitionFetchBytes);
      }
      for (const message of matches) yield { type: "message", message };
      if (capped) {
        reason = capped;
        break;
      }
      // A partition whose remaining offsets hold nothing (compacted away, aborted) is done.
      for (let i = cursors.length - 1; i >= 0; i--) {
        if (cursors[i]!.next >= cursors[i]!.to || cursors[i]!.emptyFetches >= 3) cursors.splice(i, 1);
      }
      if (Date.now() - lastProgress >= progressEveryMs) {
        lastProgress = Date.now();
        yield { type: "progress", scanned, matched };
      }
    }
  } finally {
    void cluster?.disconnect().catch(() => undefined);
  }
  yield { type: "done", reason, scanned, matched };
}

/** One message by its partition and offset, with its payloads whole; 404 when the partition holds no such offset. */
export async function readMessage(topic: string, partition: number, offset: string): Promise<KafkaMessage> {
  checkPartitions(topic, await topicPartitions(topic), [partition]);
  return withFetchCluster(topic, async (cluster) => {
    const [low, high] = await Promise.all([listOffsets(cluster, topic, [partition], "earliest"), listOffsets(cluster, topic, [partition], "latest")]);
    const first = low.get(partition) ?? 0n;
    const end = high.get(partition) ?? 0n;
    const wanted = BigInt(offset);
    if (wanted < first || wanted >= end) {
      const holds = end > first ? `offsets ${first}–${end - 1n}` : "no messages";
      throw new AppError("NOT_FOUND", `Partition ${partition} of "${topic}" holds ${holds}; there is no offset ${offset}`, 404);
    }
    const [leader] = Object.keys(cluster.findLeaderForPartitions(topic, [partition]));
    if (leader === undefined) throw new AppError("KAFKA_UNAVAILABLE", `Partition ${partition} of "${topic}" has no leader`, 503);
    const cursor: PartitionCursor = { partition, next: wanted, to: wanted + 1n, fetchBytes: largestPartitionFetchBytes, emptyFetches: 0 };
    const fetched = await kafkaCall("fetch", () => fetchFrom(cluster, topic, leader, [cursor]));
    const record = fetched.flatMap((p) => p.messages).find((m) => m.offset === offset && !m.isControlRecord);
    if (!record) throw new AppError("NOT_FOUND", `Offset ${offset} of partition ${partition} holds no message (compacted away, or a transaction marker)`, 404);
    return toKafkaMessage(partition, record, fullPayloadLimit);
  });
}
