import "server-only";
import { sleep } from "../sleep";
import { prepareCodec } from "../kafka/protocol/compression";
import { targetCompression } from "./target-compression";
import type { Cluster } from "kafkajs";
import { compileFilter, parseFilter, type MessagePredicate } from "@/lib/kafka/filter";
import { replayHeaders, type PartitionRange, type RepublishSpec } from "@/lib/schemas/replay";
import { RecordSubject } from "../kafka/messages-decode";
import { SchemaDecoder } from "../schema-registry/decoder";
import { RecordView } from "../kafka/protocol/record-batch-reader";
import { listOffsets } from "../kafka/messages-plan";
import { connectReplayCluster, withReplayAdmin } from "./kafka";
import { BatchBuilder, encodeHeaders } from "../kafka/protocol/record-batch-writer";
import { originalHeaders, targetBatchLimit, targetPartitioner } from "./republish-target";
import { committedBatches } from "../kafka/protocol/committed-batches";
import { fetchSource, LeaderMovedError } from "./source";
import { FencedError, RefusedError, TransactionalWriter } from "./transactions";

/** One read adds at most this many records to a transaction. */
const chunkRecords = 50_000;
/** One transaction holds at most this much; smaller when a rate is set (about a second's worth). */
const transactionRecords = 250_000;
const transactionBytes = 64 * 1024 * 1024;
const chunkBytes = 16 * 1024 * 1024;
/** Failed transactions in a row before the job gives up. */
const maxFailures = 20;

export interface RepublishJob {
  id: string;
  spec: RepublishSpec;
  ranges: PartitionRange[];
  progressGroup: string;
}

export interface RepublishProgress {
  positions: Map<number, number>;
  copied: Map<number, number>;
  scanned: number;
  /** A failure that was ridden through (the transaction aborted and was redone). */
  lastError: string | null;
}

export interface RepublishControl {
  /** Set when the job must stop between transactions (pause, cancel, lost lease, shutdown). */
  signal: AbortSignal;
  onProgress(progress: RepublishProgress): Promise<void>;
}

/** The transactional id and progress group of a job: stable, so a restart resumes where it stopped. */
const replayPrefix = "eventdeck-replay-";
export const replayTransactionalId = (jobId: string) => `${replayPrefix}${jobId}`;
export const replayProgressGroup = (jobId: string) => `${replayPrefix}${jobId}`;
/** A re-publish job's progress (source offsets committed in its transactions): a group that consumes nothing. */
export const isReplayProgressGroup = (groupId: string) => groupId.startsWith(replayPrefix);

/** Where the job stands: the progress group's committed offsets (and copied counts in their metadata), else the ranges' starts. */
async function committedProgress(job: RepublishJob): Promise<{ positions: Map<number, number>; copied: Map<number, number> }> {
  const committed = await withReplayAdmin((admin) => admin.fetchOffsets({ groupId: job.progressGroup, topics: [job.spec.source.topic] }));
  const stored = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, p] as const));
  const positions = new Map<number, number>();
  const copied = new Map<number, number>();
  for (const range of job.ranges) {
    const entry = stored.get(range.partition);
    const offset = entry && entry.offset !== "-1" ? Number(entry.offset) : Number(range.from);
    positions.set(range.partition, Math.max(offset, Number(range.from)));
    copied.set(range.partition, entry?.metadata ? Number(JSON.parse(entry.metadata).copied) || 0 : 0);
  }
  return { positions, copied };
}

interface BuiltTransaction {
  batches: Map<number, BatchBuilder[]>;
  positions: Map<number, number>;
  copied: Map<number, number>;
  records: number;
  bytes: number;
  scanned: number;
  /** Ranges retention deleted before they were read. */
  skipped: string[];
}

/**
 * Copies the job's ranges to the target, one transaction at a time, each committing the
 * source positions it reached to the progress group together with the events. A crash at
 * any point leaves either the whole transaction (events and positions) or none of it, so
 * a restart continues exactly after the last committed event. Returns "completed" when
 * every range is copied, "stopped" when the signal asked it to stop between transactions.
 */
export async function runRepublish(job: RepublishJob, control: RepublishControl): Promise<"completed" | "stopped"> {
  const { spec } = job;
  const source = spec.source.topic;
  const target = spec.target.topic;
  const cluster: Cluster = await connectReplayCluster(source === target ? [source] : [source, target]);
  try {
    const sourceMetadata = cluster.findTopicPartitionMetadata(source);
    const targetMetadata = cluster.findTopicPartitionMetadata(target);
    if (targetMetadata.length === 0) throw new RefusedError(`Target topic "${target}" does not exist`);
    const batchLimit = await targetBatchLimit(target);
    const partitionOf = targetPartitioner(sourceMetadata.length, targetMetadata.length);
    const predicate: MessagePredicate | null = spec.filter ? compileFilter(parseFilter(spec.filter)) : null;
    const ends = new Map(job.ranges.map((r) => [r.partition, Number(r.to)]));

    const writer = new TransactionalWriter(cluster, {
      transactionalId: replayTransactionalId(job.id),
      progressGroup: job.progressGroup,
      sourceTopic: source,
      targetTopic: target,
    });
    // Fences any earlier writer of this job and settles its last transaction before positions are read.
    await writer.init();
    let { positions, copied } = await committedProgress(job);
    let scanned = 0;
    let failures = 0;
    let lastError: string | null = null;
    // What Kafka holds is the truth, not the job's last saved progress: a worker killed between a
    // transaction's commit and its progress save (even after the last transaction) left the saved
    // progress behind, and a resumed run with nothing left to copy would otherwise finish with it.
    await control.onProgress({ positions, copied, scanned: 0, lastError });
    const started = Date.now();
    let copiedSinceStart = 0;

    // Every copy gets x-replay-job (the same bytes for all) and x-replay-source (its own value).
    const { compression } = await targetCompression(job.spec);
    await prepareCodec(compression);
    const batchOptions = {
      append: { entries: encodeHeaders([[replayHeaders.job, job.id]]), count: 1 },
      trailerName: Buffer.from(replayHeaders.source, "utf8"),
      compression,
    };
    const sourcePrefix = `${source}/`;
    const view = new RecordView();
    // A filter reaches into schema-encoded values; one that cannot be decoded stops the job (nothing is dropped unseen).
    const decoder = new SchemaDecoder(source);
    const subject = new RecordSubject(decoder, true);

    /** Reads from `from` on and builds batches of at most `budget` records (one Fetch per leader). */
    const build = async (from: Map<number, number>, copiedBefore: Map<number, number>, budget: number): Promise<BuiltTransaction> => {
      const fetched = await fetchSource(cluster, source, from, ends);
      const next = new Map(from);
      const counts = new Map(copiedBefore);
      const batches = new Map<number, BatchBuilder[]>();
      let records = 0;
      let bytes = 0;
      let looked = 0;
      const skipped: string[] = [];
      const everyFetchEmpty = fetched.every((f) => !f.records || f.records.length === 0);
      for (const partitionData of fetched) {
        const partition = partitionData.partition;
        const end = ends.get(partition)!;
        if (partitionData.errorCode === 1) {
          // Retention deleted the next offsets before they were copied: go on from what is left.
          const low = Number((await listOffsets(cluster, source, [partition], "earliest")).get(partition) ?? BigInt(end));
          skipped.push(`partition ${partition}: offsets ${next.get(partition)}–${Math.min(low, end) - 1} were deleted by retention before they were copied`);
          next.set(partition, Math.max(next.get(partition)!, Math.min(low, end)));
          continue;
        }
        if (!partitionData.records || partitionData.records.length === 0) {
          // Nothing up to the end: compacted away (or only aborted data before the planned end).
          if (everyFetchEmpty && partitionData.lastStableOffset >= end) next.set(partition, end);
          continue;
        }
        let position = next.get(partition)!;
        partitionLoop: for (const { batch, readable } of committedBatches(partitionData)) {
          if (batch.lastOffset < position) continue;
          if (batch.baseOffset >= end) {
            position = end;
            break;
          }
          if (!readable) {
            position = Math.min(batch.lastOffset + 1, end);
            continue;
          }
          if (predicate) await decoder.prepareBatch(batch);
          let at = 0;
          for (let i = 0; i < batch.recordCount; i++) {
            const recordEnd = view.read(batch, at);
            at = recordEnd;
            const offset = view.offset;
            if (offset < position) continue;
            if (offset >= end) {
              position = end;
              break partitionLoop;
            }
            if (records >= budget || bytes >= chunkBytes) break partitionLoop;
            looked++;
            position = offset + 1;
            if (predicate && !predicate(subject.reset(partition, view))) continue;
            const key = view.key();
            const targetPartition = partitionOf(partition, key);
            const headers = originalHeaders(view, recordEnd);
            const record = {
              key,
              value: view.value(),
              timestamp: view.timestamp,
              headers: headers.bytes,
              headerCount: headers.count,
              trailer: `${sourcePrefix}${partition}/${offset}`,
            };
            let list = batches.get(targetPartition);
            if (!list) batches.set(targetPartition, (list = [new BatchBuilder(batchOptions)]));
            let builder = list[list.length - 1]!;
            let size = builder.recordSize(record);
            if (builder.count > 0 && builder.size + size > batchLimit) {
              list.push((builder = new BatchBuilder(batchOptions)));
              size = builder.recordSize(record);
            }
            builder.add(record, size);
            bytes += size;
            records++;
            counts.set(partition, (counts.get(partition) ?? 0) + 1);
          }
          if (position <= batch.lastOffset) position = Math.min(batch.lastOffset + 1, end);
        }
        next.set(partition, position);
      }
      return { batches, positions: next, copied: counts, records, bytes, scanned: looked, skipped };
    };

    const perTransaction = spec.ratePerSecond ? Math.max(1, Math.min(transactionRecords, spec.ratePerSecond)) : transactionRecords;
    const done = (at: Map<number, number>) => [...at].every(([partition, next]) => next >= ends.get(partition)!);
    const targetPartitions = targetMetadata.map((p) => p.partitionId);
    // The next read runs while the previous one is written; it is thrown away when a transaction fails.
    let prefetch: Promise<BuiltTransaction> | null = null;
    while (!done(positions)) {
      if (control.signal.aborted) return "stopped";
      let txn = { positions, copied, records: 0, bytes: 0, scanned: 0, skipped: [] as string[] };
      try {
        await writer.begin(targetPartitions);
        const writes: Array<Promise<void>> = [];
        // Reads stream into the transaction until it is full or the ranges are done.
        for (;;) {
          const built: BuiltTransaction = await (prefetch ?? build(txn.positions, txn.copied, Math.min(chunkRecords, perTransaction - txn.records)));
          prefetch = null;
          const write = writer.produce(built.batches);
          write.catch(() => undefined);
          writes.push(write);
          txn = {
            positions: built.positions,
            copied: built.copied,
            records: txn.records + built.records,
            bytes: txn.bytes + built.bytes,
            scanned: txn.scanned + built.scanned,
            skipped: [...txn.skipped, ...built.skipped],
          };
          const full = txn.records >= perTransaction || txn.bytes >= transactionBytes || control.signal.aborted;
          if (!done(txn.positions)) {
            prefetch = build(txn.positions, txn.copied, Math.min(chunkRecords, full ? perTransaction : perTransaction - txn.records));
            prefetch.catch(() => undefined);
          }
          if (full || done(txn.positions)) break;
        }
        const failed = (await Promise.allSettled(writes)).find((r): r is PromiseRejectedResult => r.status === "rejected");
        if (failed) throw failed.reason;
        const counts = txn.copied;
        await writer.commit(txn.positions, (partition) => JSON.stringify({ copied: counts.get(partition) ?? 0 }));
      } catch (error) {
        prefetch = null;
        if (error instanceof FencedError || error instanceof RefusedError) throw error;
        if (error instanceof LeaderMovedError) await cluster.refreshMetadata().catch(() => undefined);
        lastError = error instanceof Error ? error.message : String(error);
        if (++failures > maxFailures) throw new Error(`The replay failed ${maxFailures} times in a row; last: ${lastError}`);
        await sleep(Math.min(200 * failures, 3_000), control.signal);
        // Whatever the transaction wrote is aborted; positions stay at the last commit.
        await writer.abortAndReset();
        continue;
      }
      failures = 0;
      positions = txn.positions;
      copied = txn.copied;
      scanned += txn.scanned;
      copiedSinceStart += txn.records;
      if (txn.skipped.length > 0) lastError = txn.skipped.join("; ");
      await control.onProgress({ positions, copied, scanned, lastError });
      if (spec.ratePerSecond) {
        const due = started + (copiedSinceStart / spec.ratePerSecond) * 1000;
        if (due > Date.now()) await sleep(due - Date.now(), control.signal);
      }
    }
    return "completed";
  } finally {
    void cluster.disconnect().catch(() => undefined);
  }
}
