import "server-only";
import type { ITopicMetadata } from "kafkajs";
import type { ConsumerGroupLag, PartitionLag } from "@/lib/schemas/kafka";
import { cached } from "../cache";
import { AppError } from "../http/errors";
import { getKafkaAdmin } from "./client";
import { maxLagSeconds, partitionLag, sumLag } from "./lag";
import { probeKey, probeOldestUnread, type LagProbe } from "./lag-age";
import type { Watermarks } from "./offsets";
import { kafkaAdmin, kafkaCall } from "./call";
import { fetchAllMetadata, fetchAllWatermarks } from "./topics";

const lagTtlMs = 2_000;

/** Committed offsets of one group for every topic it has committed to (one OffsetFetch). */
function fetchCommitted(groupId: string) {
  return kafkaCall("fetchOffsets", async () => (await getKafkaAdmin()).fetchOffsets({ groupId }));
}

function lagOf(committed: Awaited<ReturnType<typeof fetchCommitted>>, watermarks: Map<string, Watermarks[]>): PartitionLag[] {
  return (
    committed
      // Offsets a group once committed on a since-deleted topic have no lag to speak of.
      .filter(({ topic }) => watermarks.has(topic))
      .flatMap(({ topic, partitions }) => {
        const offsets = new Map(partitions.map((p) => [p.partition, p.offset]));
        return watermarks.get(topic)!.map((w) => partitionLag(topic, w, offsets.get(w.partition)));
      })
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
  );
}

/**
 * Adds the age of the oldest unread message to every lagging partition (one Fetch per
 * broker for all groups), and clears a lag made only of transaction markers.
 */
async function addLagAges(groups: Array<{ partitions: PartitionLag[] }>, metadata: ITopicMetadata[], watermarks: Map<string, Watermarks[]>) {
  const leaders = new Map(metadata.flatMap((t) => t.partitions.map((p) => [`${t.name}\u0000${p.partitionId}`, p.leader] as const)));
  const firstUnread = (p: PartitionLag) => {
    const low = watermarks.get(p.topic)?.find((w) => w.partition === p.partition)?.low ?? "0";
    return p.committedOffset === null || BigInt(p.committedOffset) < BigInt(low) ? low : p.committedOffset;
  };
  const probes: LagProbe[] = groups.flatMap((g) =>
    g.partitions
      .filter((p) => p.lag !== "0")
      .map((p) => ({
        topic: p.topic,
        partition: p.partition,
        leader: leaders.get(`${p.topic}\u0000${p.partition}`) ?? -1,
        offset: firstUnread(p),
        stable: String(BigInt(p.endOffset) - BigInt(p.inOpenTransactions)),
      })),
  );
  const results = await probeOldestUnread(probes);
  const now = Date.now();
  for (const group of groups) {
    for (const p of group.partitions) {
      if (p.lag === "0") continue;
      const result = results.get(probeKey(p.topic, p.partition, firstUnread(p)));
      if (result?.onlyMarkers) p.lag = "0";
      else if (result?.timestamp != null) p.lagSeconds = Math.max(0, (now - result.timestamp) / 1000);
    }
  }
}

/**
 * Every consumer group with state, members and lag per partition in messages and seconds
 * (ListGroups, DescribeGroups in one batch, one OffsetFetch per group, three ListOffsets and
 * one Fetch per broker for all groups), at most 2 s old.
 */
export function listConsumerGroups(): Promise<ConsumerGroupLag[]> {
  return cached("kafka:groups", lagTtlMs, async () => {
    const { groups } = await kafkaAdmin("listGroups", (admin) => admin.listGroups());
    const ids = groups.map((g) => g.groupId).sort();
    if (ids.length === 0) return [];
    // Committed offsets, group descriptions, metadata and watermarks are independent: ask at once.
    const [described, metadata, watermarks, committed] = await Promise.all([
      kafkaAdmin("describeGroups", (admin) => admin.describeGroups(ids)),
      fetchAllMetadata(),
      fetchAllWatermarks(),
      Promise.all(ids.map((groupId) => fetchCommitted(groupId))),
    ]);
    const byId = new Map(described.groups.map((g) => [g.groupId, g]));
    const lags = committed.map((offsets) => lagOf(offsets, watermarks));
    const withPartitions = ids.map((groupId, i) => ({ groupId, partitions: lags[i]! }));
    await addLagAges(withPartitions, metadata, watermarks);
    return withPartitions.map(({ groupId, partitions }) => {
      const group = byId.get(groupId);
      return {
        groupId,
        state: group?.state ?? "Unknown",
        members: group?.members.length ?? 0,
        protocol: group?.protocol ?? "",
        totalLag: sumLag(partitions),
        lagSeconds: maxLagSeconds(partitions),
        partitions,
      };
    });
  });
}

/** One group's lag; 404 when the cluster does not know the group. */
export async function describeConsumerGroup(groupId: string): Promise<ConsumerGroupLag> {
  const group = (await listConsumerGroups()).find((g) => g.groupId === groupId);
  if (!group) throw new AppError("GROUP_NOT_FOUND", `Consumer group "${groupId}" does not exist`);
  return group;
}
