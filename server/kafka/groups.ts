import "server-only";
import type { ConsumerGroupLag, PartitionLag } from "@/lib/schemas/kafka";
import { cached } from "../cache";
import { AppError } from "../http/errors";
import { getKafkaAdmin } from "./client";
import { partitionLag, sumLag } from "./lag";
import { kafkaCall } from "./call";
import { fetchAllMetadata, fetchWatermarks } from "./topics";

const lagTtlMs = 2_000;

/** Committed offsets of one group for every topic it has committed to (one OffsetFetch). */
function fetchCommitted(groupId: string) {
  return kafkaCall("fetchOffsets", async () => (await getKafkaAdmin()).fetchOffsets({ groupId }));
}

async function lagOf(groupId: string, existingTopics: Set<string>): Promise<PartitionLag[]> {
  const committed = await fetchCommitted(groupId);
  const perTopic = await Promise.all(
    // Offsets a group once committed on a since-deleted topic have no lag to speak of.
    committed.filter(({ topic }) => existingTopics.has(topic)).map(async ({ topic, partitions }) => {
      const offsets = new Map(partitions.map((p) => [p.partition, p.offset]));
      const watermarks = await fetchWatermarks(topic).catch(() => []);
      return watermarks.map((w) => partitionLag(topic, w, offsets.get(w.partition)));
    }),
  );
  return perTopic.flat().sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/**
 * Every consumer group with state, members and lag per partition (ListGroups,
 * DescribeGroups in one batch, then one OffsetFetch per group), at most 2 s old.
 */
export function listConsumerGroups(): Promise<ConsumerGroupLag[]> {
  return cached("kafka:groups", lagTtlMs, async () => {
    const admin = await kafkaCall("connect", () => getKafkaAdmin());
    const { groups } = await kafkaCall("listGroups", () => admin.listGroups());
    const ids = groups.map((g) => g.groupId).sort();
    if (ids.length === 0) return [];
    const described = await kafkaCall("describeGroups", () => admin.describeGroups(ids));
    const byId = new Map(described.groups.map((g) => [g.groupId, g]));
    const existingTopics = new Set((await fetchAllMetadata()).map((t) => t.name));
    return Promise.all(
      ids.map(async (groupId) => {
        const partitions = await lagOf(groupId, existingTopics);
        const group = byId.get(groupId);
        return {
          groupId,
          state: group?.state ?? "Unknown",
          members: group?.members.length ?? 0,
          protocol: group?.protocol ?? "",
          totalLag: sumLag(partitions),
          partitions,
        };
      }),
    );
  });
}

/** One group's lag; 404 when the cluster does not know the group. */
export async function describeConsumerGroup(groupId: string): Promise<ConsumerGroupLag> {
  const group = (await listConsumerGroups()).find((g) => g.groupId === groupId);
  if (!group) throw new AppError("GROUP_NOT_FOUND", `Consumer group "${groupId}" does not exist`, 404);
  return group;
}
