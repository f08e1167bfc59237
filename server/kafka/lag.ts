import "server-only";
import type { PartitionLag } from "@/lib/schemas/kafka";
import type { Watermarks } from "./offsets";

/**
 * Lag of one partition in messages, counted to the last stable offset: records of a
 * transaction still open are not readable by a read_committed consumer and are reported
 * apart (`inOpenTransactions`); without transactions the stable offset is the end of the
 * log, so this is what `kafka-consumer-groups --describe` shows. A committed offset of -1
 * (none) counts every retained message as waiting; an offset below the low watermark
 * (retention deleted what the group had not read) counts from the low watermark.
 */
export function partitionLag(topic: string, watermarks: Watermarks, committed: string | undefined): PartitionLag {
  const high = BigInt(watermarks.high);
  const stable = BigInt(watermarks.stable);
  const low = BigInt(watermarks.low);
  const offset = committed === undefined || committed === "-1" ? null : BigInt(committed);
  const from = offset === null || offset < low ? low : offset;
  const lag = stable > from ? stable - from : 0n;
  return {
    topic,
    partition: watermarks.partition,
    committedOffset: offset === null ? null : String(offset),
    endOffset: String(high),
    lag: String(lag),
    inOpenTransactions: String(high > stable ? high - (stable > from ? stable : from) : 0n),
    lagSeconds: null,
  };
}

export function sumLag(partitions: PartitionLag[]): string {
  return String(partitions.reduce((sum, p) => sum + BigInt(p.lag), 0n));
}

/** The group's lag in seconds: the age of its oldest unconsumed message over all partitions. */
export function maxLagSeconds(partitions: PartitionLag[]): number | null {
  const ages = partitions.map((p) => p.lagSeconds).filter((age): age is number => age !== null);
  return ages.length ? Math.max(...ages) : null;
}
