import "server-only";
import type { ITopicMetadata } from "kafkajs";
import { invalidate } from "../cache";
import { AppError } from "../http/errors";
import { getKafkaCluster } from "./client";
import { kafkaCall } from "./call";
import { kafkaErrorType, leadershipMoving } from "./errors";

export interface Watermarks {
  partition: number;
  /** First retained offset. */
  low: string;
  /** End of the log (high watermark): what a read_uncommitted consumer can reach. */
  high: string;
  /** Last stable offset: what a read_committed consumer can reach (below `high` while a transaction is open). */
  stable: string;
}

type OffsetSpec = "earliest" | "latest" | "stable";

/** Partitions per ListOffsets request: keeps one request well under a megabyte at 10,000 topics. */
const partitionsPerRequest = 5_000;

/** Groups the partitions of `topics` by their leader; partitions without a leader are left out (nobody can answer for them). */
export function partitionsByLeader(topics: ITopicMetadata[]): Map<number, Array<{ topic: string; partition: number }>> {
  const byLeader = new Map<number, Array<{ topic: string; partition: number }>>();
  for (const topic of topics) {
    for (const p of topic.partitions) {
      if (p.leader < 0) continue;
      const list = byLeader.get(p.leader) ?? [];
      list.push({ topic: topic.name, partition: p.partitionId });
      byLeader.set(p.leader, list);
    }
  }
  return byLeader;
}

/** Groups consecutive (topic, partition) pairs into ListOffsets' topic → partitions shape, in chunks. */
function chunkRequests(partitions: Array<{ topic: string; partition: number }>, timestamp: number) {
  const chunks: Array<Array<{ topic: string; partitions: Array<{ partition: number; timestamp: number }> }>> = [];
  for (let i = 0; i < partitions.length; i += partitionsPerRequest) {
    const byTopic = new Map<string, Array<{ partition: number; timestamp: number }>>();
    for (const { topic, partition } of partitions.slice(i, i + partitionsPerRequest)) {
      const list = byTopic.get(topic);
      if (list) list.push({ partition, timestamp });
      else byTopic.set(topic, [{ partition, timestamp }]);
    }
    chunks.push([...byTopic].map(([topic, list]) => ({ topic, partitions: list })));
  }
  return chunks;
}

/** One offset per partition for every partition of `topics`: one ListOffsets per leader broker (per 5,000 partitions, sent together). */
async function listOffsets(topics: ITopicMetadata[], spec: OffsetSpec): Promise<Map<string, string>> {
  const cluster = await getKafkaCluster();
  const offsets = new Map<string, string>();
  await Promise.all(
    [...partitionsByLeader(topics)].map(async ([nodeId, partitions]) => {
      const broker = await cluster.findBroker({ nodeId: String(nodeId) });
      await Promise.all(
        chunkRequests(partitions, spec === "earliest" ? -2 : -1).map(async (chunk) => {
          const { responses } = await broker.listOffsets({ isolationLevel: spec === "stable" ? 1 : 0, topics: chunk });
          for (const { topic, partitions: answered } of responses) {
            for (const { partition, offset } of answered) offsets.set(`${topic}\u0000${partition}`, String(offset));
          }
        }),
      );
    }),
  );
  return offsets;
}

/**
 * Low, high and last stable offsets of every partition of `topics`: three ListOffsets per
 * leader broker, whatever the number of topics. kafkajs's `admin.fetchTopicOffsets` would
 * take two round trips per topic.
 */
export async function fetchWatermarksOf(topics: ITopicMetadata[]): Promise<Map<string, Watermarks[]>> {
  const [low, high, stable] = await kafkaCall("listOffsets", () =>
    Promise.all([listOffsets(topics, "earliest"), listOffsets(topics, "latest"), listOffsets(topics, "stable")]),
  );
  const result = new Map<string, Watermarks[]>();
  for (const topic of topics) {
    result.set(
      topic.name,
      topic.partitions
        .map((p) => {
          const key = `${topic.name}\u0000${p.partitionId}`;
          const end = high.get(key) ?? "0";
          return { partition: p.partitionId, low: low.get(key) ?? "0", high: end, stable: stable.get(key) ?? end };
        })
        .sort((a, b) => a.partition - b.partition),
    );
  }
  return result;
}

const leadershipWaitsMs = [250, 500, 1_000, 2_000];

function whileLeadershipMoves(error: unknown): boolean {
  const type = error instanceof AppError ? (error.details as { kafkaError?: string } | undefined)?.kafkaError : kafkaErrorType(error);
  return type !== undefined && leadershipMoving.has(type);
}

/**
 * Runs `read` with the cached metadata; when that fails (a topic deleted, a leader moved or a
 * broker joined since it was read), reads the metadata afresh and tries once more — and again,
 * waiting longer each time, while a new leader is still taking over (up to 3.75 s: on a busy
 * machine a partition just added can take seconds to get one).
 */
export async function withFreshMetadataOnFailure<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt > leadershipWaitsMs.length || (attempt > 0 && !whileLeadershipMoves(error))) throw error;
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, leadershipWaitsMs[attempt - 1]));
      invalidate("kafka:metadata");
      await (await getKafkaCluster()).refreshMetadata().catch(() => undefined);
    }
  }
}
