import "server-only";
import { sleep } from "../sleep";
import type { OffsetChange } from "@/lib/schemas/kafka";
import type { PartitionProgress, ReprocessSpec } from "@/lib/schemas/replay";
import { kafkaAdmin } from "../kafka/call";
import { resetConsumerGroupOffsets } from "../kafka/reset-offsets";

const pollMs = 1_000;

export interface ReprocessJob {
  id: string;
  spec: ReprocessSpec;
  /** The rewind already done by an earlier run of this job, if any. */
  rewind: OffsetChange[] | null;
}

export interface ReprocessControl {
  signal: AbortSignal;
  /** Stores the rewind as soon as it is made: a resumed job must not rewind a second time. */
  onRewound(changes: OffsetChange[]): Promise<void>;
  onProgress(partitions: PartitionProgress[], done: number, total: number): Promise<void>;
}

/**
 * Where the group stands against its rewind: per partition from the rewind target to the offset it
 * had before (what it must reach again), how far it got, and the records read again so far.
 */
export function reprocessProgress(rewind: OffsetChange[], committed: Map<string, bigint>): { partitions: PartitionProgress[]; done: number; total: number } {
  let done = 0;
  let total = 0;
  const partitions = rewind
    .filter((c) => c.current !== null)
    .map((c) => {
      const from = BigInt(c.target);
      const to = BigInt(c.current!) > from ? BigInt(c.current!) : from;
      const at = committed.get(`${c.topic}\u0000${c.partition}`) ?? from;
      const position = at < from ? from : at > to ? to : at;
      const copied = Number(position - from);
      done += copied;
      total += Number(to - from);
      return { partition: c.partition, topic: c.topic, from: String(from), to: String(to), position: String(position), copied };
    });
  return { partitions, done, total };
}

/**
 * Rewinds the group (refused while it has members) and then follows it until it has read
 * everything again, up to the offsets it had before the rewind. The group's own service
 * does the reading; this job only moves the offsets and watches.
 */
export async function runReprocess(job: ReprocessJob, control: ReprocessControl): Promise<"completed" | "stopped"> {
  const { groupId } = job.spec;
  let rewind = job.rewind;
  if (!rewind) {
    const result = await resetConsumerGroupOffsets(groupId, { topic: job.spec.topic, to: job.spec.to, dryRun: false });
    rewind = result.changes;
    await control.onRewound(rewind);
  }
  const topics = [...new Set(rewind.map((c) => c.topic))];
  while (!control.signal.aborted) {
    const offsets = await kafkaAdmin("fetchOffsets", (admin) => admin.fetchOffsets({ groupId, topics }));
    const committed = new Map<string, bigint>();
    for (const { topic, partitions } of offsets) {
      for (const p of partitions) if (p.offset !== "-1") committed.set(`${topic}\u0000${p.partition}`, BigInt(p.offset));
    }
    const progress = reprocessProgress(rewind, committed);
    await control.onProgress(progress.partitions, progress.done, progress.total);
    if (progress.done >= progress.total) return "completed";
    await sleep(pollMs, control.signal);
  }
  return "stopped";
}
