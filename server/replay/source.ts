import "server-only";
import type { Cluster } from "kafkajs";
import { fetchErrorNames, fetchRecords, type FetchedPartition } from "../kafka/protocol/fetch";

/** Kafka error codes meaning "ask the partition's new leader". */
const leaderErrors = new Set([3, 5, 6, 74, 75, 100]);
const offsetOutOfRange = 1;
const partitionFetchBytes = 2 * 1024 * 1024;
const fetchBytes = 16 * 1024 * 1024;

export class LeaderMovedError extends Error {
  constructor(partition: number) {
    super(`The leader of partition ${partition} moved`);
    this.name = "LeaderMovedError";
  }
}

/**
 * One read_committed Fetch per leader for the partitions not yet at their end. Partitions
 * whose leader moved are reported as a LeaderMovedError (refresh metadata and ask again);
 * an offset retention removed comes back with `errorCode` 1 for the caller to skip ahead.
 */
export async function fetchSource(cluster: Cluster, topic: string, positions: Map<number, number>, ends: Map<number, number>): Promise<FetchedPartition[]> {
  const open = [...positions].filter(([partition, next]) => next < ends.get(partition)!).map(([partition]) => partition);
  if (open.length === 0) return [];
  const leaders = cluster.findLeaderForPartitions(topic, open);
  const answers = await Promise.all(
    Object.entries(leaders).map(async ([nodeId, partitions]) => {
      const broker = await cluster.findBroker({ nodeId });
      const share = Math.max(64 * 1024, Math.min(partitionFetchBytes, Math.floor(fetchBytes / partitions.length)));
      return fetchRecords(
        broker,
        topic,
        partitions.map((partition) => ({ partition, fetchOffset: positions.get(partition)!, maxBytes: share })),
        fetchBytes,
        "read_committed",
      );
    }),
  );
  const fetched = answers.flat();
  for (const answer of fetched) {
    if (leaderErrors.has(answer.errorCode)) throw new LeaderMovedError(answer.partition);
    if (answer.errorCode !== 0 && answer.errorCode !== offsetOutOfRange) {
      throw new Error(`Reading partition ${answer.partition} of "${topic}" failed: ${fetchErrorNames[answer.errorCode] ?? `error ${answer.errorCode}`}`);
    }
  }
  if (open.some((partition) => !fetched.some((f) => f.partition === partition))) throw new LeaderMovedError(open[0]!);
  return fetched;
}
