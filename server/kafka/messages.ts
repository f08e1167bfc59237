import "server-only";
import type { Cluster } from "kafkajs";
import type { KafkaMessage, ScanEndReason, ScanEvent, ScanRange, UnreadableRange } from "@/lib/schemas/kafka-messages";
import { AppError } from "../http/errors";
import { kafkaCall } from "./call";
import { toKafkaError } from "./errors";
import { connectFetchCluster, withFetchCluster } from "./messages-client";
import { SchemaDecoder } from "../schema-registry/decoder";
import { RecordSubject, SchemaNeeded, toKafkaMessage } from "./messages-decode";
import { fetchErrorNames, fetchRecords, type FetchedPartition } from "./protocol/fetch";
import { committedBatches } from "./protocol/committed-batches";
import { RecordView, recordBatches, type UnreadableBatch } from "./protocol/record-batch-reader";
import { checkPartitions, listOffsets, topicPartitions, type ScanPlan } from "./messages-plan";

export { planScan, type ScanPlan } from "./messages-plan";

/** Payloads of matches sent to the page are cut beyond this many bytes; the single-message view shows all. */
const listPayloadLimit = 64 * 1024;
const fullPayloadLimit = 16 * 1024 * 1024;
/** A scan ends by itself after this long, whatever the caps say. */
const scanTimeLimitMs = 120_000;
const progressEveryMs = 200;
/** Fetch sizes grow from small (a page of recent messages) to large (a long search). */
const firstPartitionFetchBytes = 256 * 1024;
const largestPartitionFetchBytes = 16 * 1024 * 1024;
const largestFetchBytes = 48 * 1024 * 1024;
/** Leader changes survived in a row before a scan gives up. */
const maxLeaderRetries = 5;
const leaderErrors = new Set([3, 5, 6, 74, 75, 100]);

interface PartitionCursor {
  partition: number;
  next: number;
  to: number;
  fetchBytes: number;
  /** Fetches at the largest size that brought no complete batch. */
  stuck: number;
}

/** One Fetch per leader of the cursors' partitions, sent at the same time. */
async function fetchRound(cluster: Cluster, topic: string, cursors: PartitionCursor[]): Promise<FetchedPartition[]> {
  const leaders = cluster.findLeaderForPartitions(
    topic,
    cursors.map((c) => c.partition),
  );
  const answers = await Promise.all(
    Object.entries(leaders).map(async ([nodeId, partitions]) => {
      const broker = await cluster.findBroker({ nodeId });
      const wanted = cursors
        .filter((c) => partitions.includes(c.partition))
        .map((c) => ({ partition: c.partition, fetchOffset: c.next, maxBytes: c.fetchBytes }));
      // As consumers with isolation.level=read_committed see the log: to the last stable offset, aborted transactions left out.
      return fetchRecords(broker, topic, wanted, largestFetchBytes, "read_committed");
    }),
  );
  return answers.flat();
}

/** Counts and matches of one scan, and the reason it ended early, if it did. */
class ScanState {
  scanned = 0;
  matched = 0;
  capped: ScanEndReason | null = null;
  readonly matches: KafkaMessage[] = [];
  readonly unreadable: UnreadableRange[] = [];
  private readonly view = new RecordView();
  readonly decoder: SchemaDecoder;
  private readonly subject: RecordSubject;

  constructor(private readonly plan: ScanPlan) {
    this.decoder = new SchemaDecoder(plan.topic);
    this.subject = new RecordSubject(this.decoder);
  }

  /** Reads one partition's fetched bytes from `cursor.next` on, up to the end of its range or a cap. */
  readPartition(cursor: PartitionCursor, fetched: Pick<FetchedPartition, "partition" | "records" | "abortedTransactions">): void {
    const { predicate, needles, maxScan, maxMatches } = this.plan;
    // A batch that cannot be read is told in the stream and left behind: the scan goes on past it.
    const skip = ({ partition, baseOffset, lastOffset, codec, reason }: UnreadableBatch) => {
      if (lastOffset < cursor.next || baseOffset >= cursor.to) return;
      this.unreadable.push({ partition, from: String(baseOffset), to: String(lastOffset), codec, reason });
      cursor.next = Math.min(lastOffset + 1, cursor.to);
    };
    for (const { batch, readable } of committedBatches(fetched, skip)) {
      if (batch.lastOffset < cursor.next) continue;
      if (!readable && !batch.isControl) {
        // An aborted transaction's records: never delivered to read_committed consumers, so not shown (nor counted) here.
        cursor.next = Math.min(batch.lastOffset + 1, cursor.to);
        continue;
      }
      if (batch.baseOffset >= cursor.to) {
        cursor.next = cursor.to;
        return;
      }
      const whole = batch.baseOffset >= cursor.next && batch.lastOffset < cursor.to;
      if (batch.isControl || (whole && needles && this.scanned + batch.recordCount < maxScan && !needles.some((n) => batch.records.indexOf(n) !== -1))) {
        // A transaction marker, or a batch holding none of the bytes every match must contain.
        if (!batch.isControl) this.scanned += batch.recordCount;
        cursor.next = batch.lastOffset + 1;
        continue;
      }
      let at = 0;
      for (let i = 0; i < batch.recordCount; i++) {
        at = this.view.read(batch, at);
        const offset = this.view.offset;
        if (offset < cursor.next) continue;
        if (offset >= cursor.to) {
          cursor.next = cursor.to;
          return;
        }
        let match: KafkaMessage | undefined;
        try {
          if (!predicate || predicate(this.subject.reset(cursor.partition, this.view)))
            match = toKafkaMessage(cursor.partition, this.view, listPayloadLimit, this.decoder);
        } catch (error) {
          // A schema id not fetched yet: this record is read again once it is.
          if (error instanceof SchemaNeeded) return;
          throw error;
        }
        cursor.next = offset + 1;
        this.scanned++;
        if (match) {
          this.matched++;
          this.matches.push(match);
          if (this.matched >= maxMatches) this.capped = "match-cap";
        }
        if (!this.capped && this.scanned >= maxScan) this.capped = "scan-cap";
        if (this.capped) return;
      }
      // Offsets compacted away at the end of the batch.
      cursor.next = Math.max(cursor.next, Math.min(batch.lastOffset + 1, cursor.to));
    }
  }
}

/**
 * Reads the planned ranges with Fetch requests straight to each partition's leader (no
 * consumer group), tests each record against the filter and yields the matches, progress
 * every 200 ms, and one final `done` with why it ended: the ranges' end, the scan cap,
 * the match cap, `signal` (the page's stop button or a closed connection), or the time
 * limit. Records past the end offsets taken at planning are not read: a scan has an end.
 */
export async function* scanMessages(plan: ScanPlan, signal: AbortSignal): AsyncGenerator<ScanEvent> {
  const ranges: ScanRange[] = plan.ranges.map((r) => ({ partition: r.partition, from: String(r.from), to: String(r.to) }));
  const total = plan.ranges.reduce((sum, r) => sum + Number(r.to - r.from), 0);
  yield { type: "start", ranges, maxScan: plan.maxScan, maxMatches: plan.maxMatches, total };

  const cursors = plan.ranges
    .filter((r) => r.from < r.to)
    .map((r): PartitionCursor => ({ partition: r.partition, next: Number(r.from), to: Number(r.to), fetchBytes: firstPartitionFetchBytes, stuck: 0 }));
  const state = new ScanState(plan);
  let reason: ScanEndReason = "end";
  const deadline = Date.now() + scanTimeLimitMs;
  let lastProgress = Date.now();
  let leaderRetries = 0;
  const cluster = cursors.length > 0 ? await kafkaCall("connect", () => connectFetchCluster()) : null;

  try {
    if (cluster) await kafkaCall("metadata", () => cluster.addTargetTopic(plan.topic));
    while (cluster && cursors.length > 0) {
      if (signal.aborted || Date.now() > deadline) {
        reason = signal.aborted ? "stopped" : "time-limit";
        break;
      }
      let fetched: FetchedPartition[];
      try {
        fetched = await fetchRound(cluster, plan.topic, cursors);
      } catch (error) {
        if (signal.aborted) continue;
        if (error instanceof AppError || ++leaderRetries > maxLeaderRetries) throw toKafkaError(error);
        await cluster.refreshMetadata();
        continue;
      }
      let leaderMoved = false;
      for (const { partition, errorCode, records, abortedTransactions } of fetched) {
        const cursor = cursors.find((c) => c.partition === partition);
        if (!cursor) continue;
        if (errorCode === 1) {
          // Retention removed the offset: go on from the partition's new beginning.
          const low = (await listOffsets(cluster, plan.topic, [partition], "earliest")).get(partition) ?? BigInt(cursor.to);
          cursor.next = Math.max(cursor.next, Number(low));
          continue;
        }
        if (leaderErrors.has(errorCode)) {
          leaderMoved = true;
          continue;
        }
        if (errorCode !== 0) throw new AppError("KAFKA_ERROR", `Reading partition ${partition} failed: ${fetchErrorNames[errorCode] ?? `error ${errorCode}`}`);
        if (!records || records.length === 0) {
          // Nothing came back: either the rest of the range was compacted away, or its first
          // batch is larger than this partition's share (only the first partition of an
          // answer may exceed it). If no partition got anything, it is the former.
          if (!fetched.some((p) => p.records && p.records.length > 0)) cursor.next = cursor.to;
          else cursor.fetchBytes = Math.min(cursor.fetchBytes * 4, largestPartitionFetchBytes);
          continue;
        }
        const before = cursor.next;
        state.readPartition(cursor, { partition, records, abortedTransactions });
        if (state.capped) break;
        if (state.decoder.missing.size > 0) continue;
        if (cursor.next === before) {
          // Only part of a batch came back: ask for more next time.
          if (cursor.fetchBytes >= largestPartitionFetchBytes && ++cursor.stuck >= 3)
            throw new AppError("RECORDS_UNREADABLE", `Partition ${partition} holds a batch larger than ${largestPartitionFetchBytes} bytes`);
          cursor.fetchBytes = Math.min(cursor.fetchBytes * 4, largestPartitionFetchBytes);
        } else {
          cursor.fetchBytes = Math.min(cursor.fetchBytes * 2, largestPartitionFetchBytes);
        }
      }
      // Schemas met for the first time: fetched (and cached) before the partitions that need them are read again.
      if (state.decoder.missing.size > 0) await state.decoder.prepare();
      for (const message of state.matches.splice(0)) yield { type: "message", message };
      for (let i = cursors.length - 1; i >= 0; i--) if (cursors[i]!.next >= cursors[i]!.to) cursors.splice(i, 1);
      if (state.capped) {
        // The scan cap reached on the very last message is the end of the range.
        reason = state.capped === "scan-cap" && cursors.length === 0 ? "end" : state.capped;
        break;
      }
      if (leaderMoved) {
        if (++leaderRetries > maxLeaderRetries) throw new AppError("KAFKA_UNAVAILABLE", "The partitions' leaders kept moving; try again");
        await cluster.refreshMetadata();
      } else {
        leaderRetries = 0;
      }
      if (Date.now() - lastProgress >= progressEveryMs) {
        lastProgress = Date.now();
        yield { type: "progress", scanned: state.scanned, matched: state.matched, unreadable: state.unreadable };
      }
    }
  } finally {
    void cluster?.disconnect().catch(() => undefined);
  }
  yield { type: "done", reason, scanned: state.scanned, matched: state.matched, unreadable: state.unreadable };
}

/** One message by its partition and offset, with its payloads whole; 404 when the partition holds no such offset. */
export async function readMessage(topic: string, partition: number, offset: string): Promise<KafkaMessage> {
  checkPartitions(topic, await topicPartitions(topic), [partition]);
  return withFetchCluster(topic, async (cluster) => {
    const [low, high] = await Promise.all([listOffsets(cluster, topic, [partition], "earliest"), listOffsets(cluster, topic, [partition], "latest")]);
    const first = low.get(partition) ?? 0n;
    const end = high.get(partition) ?? 0n;
    const wanted = BigInt(offset);
    if (wanted < first || wanted >= end) {
      const holds = end > first ? `offsets ${first}–${end - 1n}` : "no messages";
      throw new AppError("NOT_FOUND", `Partition ${partition} of "${topic}" holds ${holds}; there is no offset ${offset}`);
    }
    const [leader] = Object.keys(cluster.findLeaderForPartitions(topic, [partition]));
    if (leader === undefined) throw new AppError("KAFKA_UNAVAILABLE", `Partition ${partition} of "${topic}" has no leader`);
    const broker = await kafkaCall("connect", () => cluster.findBroker({ nodeId: leader }));
    const [fetched] = await kafkaCall("fetch", () =>
      fetchRecords(broker, topic, [{ partition, fetchOffset: Number(wanted), maxBytes: largestPartitionFetchBytes }], largestFetchBytes),
    );
    if (fetched && fetched.errorCode !== 0)
      throw new AppError("KAFKA_ERROR", `Reading partition ${partition} failed: ${fetchErrorNames[fetched.errorCode] ?? `error ${fetched.errorCode}`}`);
    const view = new RecordView();
    const decoder = new SchemaDecoder(topic);
    for (const batch of recordBatches(fetched?.records ?? Buffer.alloc(0), partition)) {
      if (batch.isControl || batch.lastOffset < Number(wanted)) continue;
      let at = 0;
      for (let i = 0; i < batch.recordCount; i++) {
        at = view.read(batch, at);
        if (view.offset !== Number(wanted)) continue;
        await decoder.prepare(SchemaDecoder.idsOf(view.key(), view.value()));
        return toKafkaMessage(partition, view, fullPayloadLimit, decoder, true);
      }
      break;
    }
    throw new AppError("NOT_FOUND", `Offset ${offset} of partition ${partition} holds no message (compacted away, or a transaction marker)`);
  });
}
