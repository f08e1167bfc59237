import "server-only";
import type { Cluster } from "kafkajs";
import { compileFilter, parseFilter, requiredNeedles, type MessagePredicate } from "@/lib/kafka/filter";
import type { BrowseQuery } from "@/lib/schemas/kafka-messages";
import { invalidate } from "../cache";
import { AppError } from "../http/errors";
import { kafkaCall } from "./call";
import { withFetchCluster } from "./messages-client";
import { fetchAllMetadata } from "./topics";

export interface ScanPlan {
  topic: string;
  ranges: Array<{ partition: number; from: bigint; to: bigint }>;
  predicate: MessagePredicate | null;
  /** Byte strings one of which every match contains (see requiredNeedles); null when there are none. */
  needles: Buffer[] | null;
  maxScan: number;
  maxMatches: number;
}

/** The topic's partition numbers from the cached cluster metadata (asked again once before a 404). */
export async function topicPartitions(topic: string): Promise<number[]> {
  let found = (await fetchAllMetadata()).find((t) => t.name === topic);
  if (!found) {
    invalidate("kafka:metadata");
    found = (await fetchAllMetadata()).find((t) => t.name === topic);
  }
  if (!found) throw new AppError("TOPIC_NOT_FOUND", `Topic "${topic}" does not exist`);
  return found.partitions.map((p) => p.partitionId).sort((a, b) => a - b);
}

export function checkPartitions(topic: string, existing: number[], wanted: number[]): number[] {
  if (wanted.length === 0) return existing;
  const missing = wanted.filter((p) => !existing.includes(p));
  if (missing.length > 0) {
    throw new AppError("BAD_REQUEST", `Topic "${topic}" has partitions 0–${existing.length - 1}; there is no partition ${missing.join(", ")}`);
  }
  return wanted;
}

/**
 * Offsets of `partitions` (one ListOffsets per leader): the earliest, the latest, or the
 * first at or after a time (-1 where there is none). Asked through the scan's own
 * cluster: the shared admin client remembers every topic it was asked about and fails
 * once one of them is deleted.
 */
export async function listOffsets(cluster: Cluster, topic: string, partitions: number[], at: "earliest" | "latest" | number): Promise<Map<number, bigint>> {
  const position = at === "earliest" ? { fromBeginning: true } : at === "latest" ? { fromBeginning: false } : { fromTimestamp: at };
  const [result] = await kafkaCall("listOffsets", () =>
    cluster.fetchTopicsOffset([{ topic, partitions: partitions.map((partition) => ({ partition })), ...position }]),
  );
  return new Map((result?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
}

/**
 * Resolves a browse request into offset ranges per partition: 404 for an unknown topic,
 * 400 for a partition it does not have. Costs a connection, one Metadata and two or
 * three ListOffsets rounds; the end of each range is the partition's end at this moment.
 */
export async function planScan(topic: string, query: BrowseQuery): Promise<ScanPlan> {
  const partitions = checkPartitions(topic, await topicPartitions(topic), query.partitions);
  const ranges = await withFetchCluster(topic, async (cluster) => {
    const [low, high, atTime] = await Promise.all([
      listOffsets(cluster, topic, partitions, "earliest"),
      listOffsets(cluster, topic, partitions, "latest"),
      query.start === "timestamp" ? listOffsets(cluster, topic, partitions, query.timestamp!) : undefined,
    ]);
    return partitions.map((partition) => {
      const first = low.get(partition) ?? 0n;
      const end = high.get(partition) ?? 0n;
      const clamp = (offset: bigint) => (offset < first ? first : offset > end ? end : offset);
      const byTime = atTime?.get(partition) ?? -1n;
      const from =
        query.start === "earliest"
          ? first
          : query.start === "latest"
            ? clamp(end - BigInt(query.count))
            : query.start === "offset"
              ? clamp(BigInt(query.offset ?? "0"))
              : // No message at or after the time: nothing to read in this partition.
                byTime < 0n
                ? end
                : clamp(byTime);
      return { partition, from, to: end };
    });
  });
  const filter = query.filter ? parseFilter(query.filter) : null;
  return {
    topic,
    ranges,
    predicate: filter ? compileFilter(filter) : null,
    needles: filter ? (requiredNeedles(filter)?.map((needle) => Buffer.from(needle, "utf8")) ?? null) : null,
    maxScan: query.maxScan,
    maxMatches: query.maxMatches,
  };
}
