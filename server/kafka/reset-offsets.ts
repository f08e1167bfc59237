import "server-only";
import type { OffsetChange, ResetOffsetsInput, ResetOffsetsResult } from "@/lib/schemas/kafka";
import { invalidate } from "../cache";
import { AppError } from "../http/errors";
import { kafkaAdmin } from "./call";
import { fetchAllMetadata, fetchWatermarks } from "./topics";

function clamp(value: bigint, low: bigint, high: bigint): bigint {
  return value < low ? low : value > high ? high : value;
}

/** The new offset of every partition in scope, kept within the partition's watermarks. */
async function planChanges(groupId: string, input: ResetOffsetsInput): Promise<OffsetChange[]> {
  const committed = await kafkaAdmin("fetchOffsets", (admin) => admin.fetchOffsets({ groupId }));
  const existing = new Set((await fetchAllMetadata()).map((t) => t.name));
  const topics = input.topic ? [input.topic] : committed.map((c) => c.topic).filter((t) => existing.has(t));
  if (input.topic && !existing.has(input.topic)) throw new AppError("TOPIC_NOT_FOUND", `Topic "${input.topic}" does not exist`);
  if (topics.length === 0) throw new AppError("BAD_REQUEST", `Group "${groupId}" has no committed offsets; name a topic to reset`);

  const changes = await Promise.all(
    topics.map(async (topic) => {
      const watermarks = await fetchWatermarks(topic);
      const current = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, p.offset]));
      const byTime =
        input.to.kind === "timestamp"
          ? new Map(
              (
                await kafkaAdmin("fetchTopicOffsetsByTimestamp", (admin) =>
                  admin.fetchTopicOffsetsByTimestamp(topic, Date.parse((input.to as { timestamp: string }).timestamp)),
                )
              ).map((p) => [p.partition, p.offset]),
            )
          : undefined;
      return watermarks.map((w): OffsetChange => {
        const low = BigInt(w.low);
        const high = BigInt(w.high);
        const was = current.get(w.partition);
        const had = was !== undefined && was !== "-1" ? BigInt(was) : null;
        const to = input.to;
        const target =
          to.kind === "earliest"
            ? low
            : to.kind === "latest"
              ? high
              : to.kind === "offset"
                ? BigInt(to.offset)
                : to.kind === "shift"
                  ? (had ?? low) + BigInt(to.by)
                  : BigInt(byTime?.get(w.partition) ?? w.high) < 0n
                    ? high
                    : BigInt(byTime?.get(w.partition) ?? w.high);
        return { topic, partition: w.partition, current: had === null ? null : String(had), target: String(clamp(target, low, high)) };
      });
    }),
  );
  return changes.flat().sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/** The group's state, member count and the offset changes a reset would make; 404 for an unknown group. Writes nothing. */
export async function previewOffsetReset(groupId: string, input: ResetOffsetsInput): Promise<{ state: string; members: number; changes: OffsetChange[] }> {
  const [group] = (await kafkaAdmin("describeGroups", (admin) => admin.describeGroups([groupId]))).groups;
  if (!group || group.state === "Dead") throw new AppError("GROUP_NOT_FOUND", `Consumer group "${groupId}" does not exist`);
  return { state: group.state, members: group.members.length, changes: await planChanges(groupId, input) };
}

/**
 * Resets a group's committed offsets. A dry run (the default) only answers the table
 * of current → new offsets. A real run is refused with 409 while the group has active
 * members: their next commit would overwrite the reset.
 */
export async function resetConsumerGroupOffsets(groupId: string, input: ResetOffsetsInput): Promise<ResetOffsetsResult> {
  const { members, changes } = await previewOffsetReset(groupId, input);
  if (input.dryRun) return { groupId, dryRun: true, changes };
  if (members > 0) {
    throw new AppError("GROUP_ACTIVE", `Consumer group "${groupId}" has ${members} active member(s); stop its consumers before resetting offsets`);
  }
  const byTopic = new Map<string, OffsetChange[]>();
  for (const change of changes) byTopic.set(change.topic, [...(byTopic.get(change.topic) ?? []), change]);
  for (const [topic, partitions] of byTopic) {
    await kafkaAdmin("setOffsets", (admin) =>
      admin.setOffsets({ groupId, topic, partitions: partitions.map((p) => ({ partition: p.partition, offset: p.target })) }),
    );
  }
  invalidate("kafka:groups");
  return { groupId, dryRun: false, changes };
}
