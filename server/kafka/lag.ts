import "server-only";
import type { PartitionLag } from "@/lib/schemas/kafka";

interface Watermarks {
  partition: number;
  low: string;
  high: string;
}

/**
 * Lag of one partition in messages. A committed offset of -1 (none) counts every
 * retained message as waiting; an offset below the low watermark (retention deleted
 * what the group had not read) counts from the low watermark.
 */
export function partitionLag(topic: string, watermarks: Watermarks, committed: string | undefined): PartitionLag {
  const high = BigInt(watermarks.high);
  const low = BigInt(watermarks.low);
  const offset = committed === undefined || committed === "-1" ? null : BigInt(committed);
  const from = offset === null || offset < low ? low : offset;
  const lag = high > from ? high - from : 0n;
  return { topic, partition: watermarks.partition, committedOffset: offset === null ? null : String(offset), endOffset: String(high), lag: String(lag) };
}

export function sumLag(partitions: PartitionLag[]): string {
  return String(partitions.reduce((sum, p) => sum + BigInt(p.lag), 0n));
}
