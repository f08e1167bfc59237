import "server-only";
import { getKafkaCluster, type FetchedRecord, type KafkaBroker } from "./client";

export interface LagProbe {
  topic: string;
  partition: number;
  leader: number;
  /** The first offset the group has not read. */
  offset: string;
  /** The offset a read_committed reader can reach (last stable offset). */
  stable: string;
}

export interface ProbeResult {
  /** Timestamp (ms) of the first unread data record; null when the fetch did not reach one. */
  timestamp: number | null;
  /** Everything between the offset and the stable end is transaction markers or aborted records: nothing to read. */
  onlyMarkers: boolean;
}

export const probeKey = (topic: string, partition: number, offset: string) => `${topic}\u0000${partition}\u0000${offset}`;

/**
 * Timestamps of records never change: once read, the age of the record at (topic, partition,
 * offset) is known for good. Remembered for up to 50,000 positions (oldest forgotten first),
 * so a poll only reads partitions whose group moved since the last one.
 */
const known = new Map<string, number>();
const knownLimit = 50_000;

function remember(key: string, timestamp: number): void {
  known.set(key, timestamp);
  if (known.size > knownLimit) known.delete(known.keys().next().value!);
}

/** Forgets every remembered record age, as a fresh process starts (the lag benchmark's cold rounds). */
export function forgetRecordAges(): void {
  known.clear();
}

type FetchedPartition = Awaited<ReturnType<KafkaBroker["fetch"]>>["responses"][number]["partitions"][number];

/**
 * Marks the records a read_committed consumer never sees: transaction markers, and records
 * of transactions the broker lists as aborted (from the transaction's first offset until
 * that producer's next marker).
 */
export function unreadable(records: FetchedRecord[], aborted: Array<{ producerId: string; firstOffset: string }> = []): boolean[] {
  const pending = [...aborted].sort((a, b) => (BigInt(a.firstOffset) < BigInt(b.firstOffset) ? -1 : 1));
  const abortedProducers = new Set<string>();
  return records.map((record) => {
    while (pending.length && BigInt(record.offset) >= BigInt(pending[0]!.firstOffset)) abortedProducers.add(pending.shift()!.producerId);
    const producer = record.batchContext?.producerId ?? "";
    if (record.isControlRecord) {
      abortedProducers.delete(producer);
      return true;
    }
    return Boolean(record.batchContext?.inTransaction) && abortedProducers.has(producer);
  });
}

/** What one fetched partition says about the first unread record from `probe.offset` on. */
export function readProbe(probe: Pick<LagProbe, "offset" | "stable">, fetched: FetchedPartition | undefined): ProbeResult {
  const from = BigInt(probe.offset);
  const all = fetched?.messages ?? [];
  const skipped = unreadable(all, fetched?.abortedTransactions);
  // A fetch returns whole batches: records before the asked offset may come along.
  const records = all.map((record, i) => ({ ...record, skip: skipped[i]! })).filter((record) => BigInt(record.offset) >= from);
  const first = records.find((record) => !record.skip);
  if (first) return { timestamp: Number(first.timestamp), onlyMarkers: false };
  const last = records.at(-1);
  return { timestamp: null, onlyMarkers: last !== undefined && BigInt(last.offset) + 1n >= BigInt(probe.stable) };
}

/**
 * Reads the first unread record of each probed partition to learn its age: one Fetch per
 * leader broker for all of them (read_committed, no waiting, 64 KiB per partition). A broker
 * that fails leaves its partitions without an age rather than failing the lag.
 */
export async function probeOldestUnread(probes: LagProbe[]): Promise<Map<string, ProbeResult>> {
  const results = new Map<string, ProbeResult>();
  const unique = new Map<string, LagProbe>();
  for (const probe of probes) {
    const key = probeKey(probe.topic, probe.partition, probe.offset);
    const timestamp = known.get(key);
    if (timestamp !== undefined) results.set(key, { timestamp, onlyMarkers: false });
    else unique.set(key, probe);
  }
  const byLeader = new Map<number, LagProbe[]>();
  for (const probe of unique.values()) {
    if (probe.leader >= 0) byLeader.set(probe.leader, [...(byLeader.get(probe.leader) ?? []), probe]);
  }
  if (byLeader.size === 0) return results;
  const cluster = await getKafkaCluster();
  await Promise.all(
    [...byLeader].map(async ([nodeId, list]) => {
      try {
        const broker = await cluster.findBroker({ nodeId: String(nodeId) });
        const byTopic = new Map<string, LagProbe[]>();
        for (const probe of list) byTopic.set(probe.topic, [...(byTopic.get(probe.topic) ?? []), probe]);
        const { responses } = await broker.fetch({
          isolationLevel: 1,
          maxWaitTime: 0,
          minBytes: 0,
          maxBytes: 16 * 1024 * 1024,
          topics: [...byTopic].map(([topic, partitions]) => ({
            topic,
            partitions: partitions.map((p) => ({ partition: p.partition, fetchOffset: p.offset, maxBytes: 64 * 1024 })),
          })),
        });
        const fetched = new Map(responses.flatMap((r) => r.partitions.map((p) => [`${r.topicName}\u0000${p.partition}`, p] as const)));
        for (const probe of list) {
          const key = probeKey(probe.topic, probe.partition, probe.offset);
          const result = readProbe(probe, fetched.get(`${probe.topic}\u0000${probe.partition}`));
          results.set(key, result);
          if (result.timestamp !== null) remember(key, result.timestamp);
        }
      } catch {
        // Ages for this broker's partitions stay unknown this round; message counts are unaffected.
      }
    }),
  );
  return results;
}
