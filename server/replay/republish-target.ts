import "server-only";
import { partitionForKey } from "../kafka/partitioner";
import { replayHeaders } from "@/lib/schemas/replay";
import type { RecordView } from "../kafka/protocol/record-batch-reader";
import { encodeHeaders } from "../kafka/protocol/record-batch-writer";
import { withReplayAdmin } from "./kafka";

// Where and how a re-published record lands on the target topic: its partition, its headers, the batch size limit.

/** Picks the target partition of a record: the same number when the partition counts match, else by key (Kafka's murmur2). */
export function targetPartitioner(sourcePartitions: number, targetPartitions: number): (sourcePartition: number, key: Buffer | null) => number {
  if (sourcePartitions === targetPartitions) return (partition) => partition;
  return (partition, key) => (key === null ? partition % targetPartitions : partitionForKey(key, targetPartitions));
}

/** The original headers of the record in `view` as raw entries, without earlier replay headers (a replay of a replay names only itself). */
export function originalHeaders(view: RecordView, recordEnd: number): { bytes: Buffer | null; count: number } {
  if (view.headerCount === 0) return { bytes: null, count: 0 };
  const raw = view.bytes.subarray(view.headersStart, recordEnd);
  if (raw.indexOf("x-replay-") === -1) return { bytes: raw, count: view.headerCount };
  const kept = view.headers().filter(([name]) => name !== replayHeaders.job && name !== replayHeaders.source);
  return { bytes: kept.length ? encodeHeaders(kept) : null, count: kept.length };
}

/** The target's largest batch: its max.message.bytes, less room for the batch's own header. */
export async function targetBatchLimit(topic: string): Promise<number> {
  const fallback = 1024 * 1024;
  try {
    const described = await withReplayAdmin((admin) =>
      admin.describeConfigs({ resources: [{ type: 2, name: topic, configNames: ["max.message.bytes"] }], includeSynonyms: false }),
    );
    const value = Number(described.resources[0]?.configEntries.find((e) => e.configName === "max.message.bytes")?.configValue);
    return Math.min(Number.isFinite(value) && value > 0 ? value : fallback, 8 * fallback) - 1024;
  } catch {
    return fallback - 1024;
  }
}
