import "server-only";
import { targetCompression } from "./target-compression";
import type { Cluster } from "kafkajs";
import { compileFilter, parseFilter } from "@/lib/kafka/filter";
import type { KafkaMessage } from "@/lib/schemas/kafka-messages";
import type { ConsumerOfTopic, PartitionRange, ReprocessPlan, ReprocessSpec, RepublishPlan, RepublishSpec } from "@/lib/schemas/replay";
import { invalidate } from "../cache";
import { listConsumerGroups } from "../kafka/groups";
import { RecordSubject, toKafkaMessage } from "../kafka/messages-decode";
import { RecordView } from "../kafka/protocol/record-batch-reader";
import { withFetchCluster } from "../kafka/messages-client";
import { isReplayProgressGroup } from "./republish";
import { checkPartitions, listOffsets, topicPartitions } from "../kafka/messages-plan";
import { previewOffsetReset } from "../kafka/reset-offsets";
import { fetchAllMetadata, fetchWatermarks } from "../kafka/topics";
import { SchemaDecoder } from "../schema-registry/decoder";
import { committedBatches } from "../kafka/protocol/committed-batches";
import { fetchSource, LeaderMovedError } from "./source";

/** A dry run counts matches for at most this long, then extrapolates. */
const countTimeLimitMs = 8_000;
const sampleSize = 10;
/** Assumed rate for the estimate when no rate limit is set (measured: 60,000–100,000 events/s here). */
const unlimitedRateEstimate = 50_000;

/** The source ranges of a re-publish: what each chosen partition holds between the range's ends, up to its last stable offset. */
export async function resolveRanges(spec: RepublishSpec): Promise<PartitionRange[]> {
  const topic = spec.source.topic;
  const partitions = checkPartitions(topic, await topicPartitions(topic), spec.source.partitions);
  invalidate(`kafka:watermarks:${topic}`);
  const watermarks = new Map((await fetchWatermarks(topic)).map((w) => [w.partition, w]));
  const range = spec.source.range;
  const byTime =
    range.kind === "time"
      ? await withFetchCluster(topic, async (cluster) => ({
          from: range.from ? await listOffsets(cluster, topic, partitions, Date.parse(range.from)) : null,
          to: range.to ? await listOffsets(cluster, topic, partitions, Date.parse(range.to)) : null,
        }))
      : null;
  return partitions.map((partition) => {
    const w = watermarks.get(partition);
    const low = BigInt(w?.low ?? "0");
    const end = BigInt(w?.stable ?? w?.high ?? "0");
    const clamp = (offset: bigint) => (offset < low ? low : offset > end ? end : offset);
    // No record at or after a time: the range starts (or ends) at the partition's end.
    const atTime = (found: Map<number, bigint> | null | undefined, fallback: bigint) => {
      const offset = found?.get(partition);
      return offset === undefined ? fallback : offset < 0n ? end : clamp(offset);
    };
    let from = low;
    let to = end;
    if (range.kind === "offsets") {
      from = clamp(BigInt(range.from ?? low));
      to = clamp(BigInt(range.to ?? end));
    } else if (range.kind === "time") {
      from = atTime(byTime?.from, low);
      to = atTime(byTime?.to, end);
    }
    if (to < from) to = from;
    return { partition, from: String(from), to: String(to) };
  });
}

interface MatchCount {
  matched: Map<number, number>;
  scanned: number;
  complete: boolean;
  sample: KafkaMessage[];
}

/** Reads the ranges (read_committed) counting the records the filter matches, for a few seconds at most; keeps the first few as a sample. */
async function countMatches(topic: string, ranges: PartitionRange[], filter: string): Promise<MatchCount> {
  const predicate = filter ? compileFilter(parseFilter(filter)) : null;
  const positions = new Map(ranges.map((r) => [r.partition, Number(r.from)]));
  const ends = new Map(ranges.map((r) => [r.partition, Number(r.to)]));
  const matched = new Map(ranges.map((r) => [r.partition, 0]));
  const sample: KafkaMessage[] = [];
  const view = new RecordView();
  // Filters reach into schema-encoded values; a value that cannot be decoded fails the dry run rather than miscount.
  const decoder = new SchemaDecoder(topic);
  const subject = new RecordSubject(decoder, true);
  let scanned = 0;
  const deadline = Date.now() + countTimeLimitMs;
  // Without a filter only the sample is needed: every record of the ranges matches.
  const enough = () => (!predicate && sample.length >= sampleSize) || Date.now() > deadline;
  return withFetchCluster(topic, async (cluster: Cluster) => {
    let retries = 0;
    while ([...positions].some(([p, next]) => next < ends.get(p)!) && !enough()) {
      let fetched;
      try {
        fetched = await fetchSource(cluster, topic, positions, ends);
      } catch (error) {
        if (!(error instanceof LeaderMovedError) || ++retries > 5) throw error;
        await cluster.refreshMetadata();
        continue;
      }
      const anything = fetched.some((f) => f.records && f.records.length > 0);
      for (const data of fetched) {
        const partition = data.partition;
        const end = ends.get(partition)!;
        let position = positions.get(partition)!;
        if (!data.records || data.records.length === 0) {
          if (!anything) positions.set(partition, end);
          continue;
        }
        for (const { batch, readable } of committedBatches(data)) {
          if (batch.lastOffset < position || batch.baseOffset >= end) continue;
          if (readable) {
            if (predicate || sample.length < sampleSize) await decoder.prepareBatch(batch);
            let at = 0;
            for (let i = 0; i < batch.recordCount; i++) {
              at = view.read(batch, at);
              if (view.offset < position || view.offset >= end) continue;
              scanned++;
              if (predicate && !predicate(subject.reset(partition, view))) continue;
              matched.set(partition, matched.get(partition)! + 1);
              if (sample.length < sampleSize) sample.push(toKafkaMessage(partition, view, 4 * 1024, decoder));
            }
          }
          position = Math.min(batch.lastOffset + 1, end);
        }
        positions.set(partition, Math.max(position, positions.get(partition)!));
      }
    }
    return { matched, scanned, complete: [...positions].every(([p, next]) => next >= ends.get(p)!), sample };
  });
}

async function consumersOf(topic: string): Promise<ConsumerOfTopic[]> {
  const groups = await listConsumerGroups();
  return groups
    .filter((g) => !isReplayProgressGroup(g.groupId) && g.partitions.some((p) => p.topic === topic))
    .map((g) => ({ groupId: g.groupId, state: g.state, members: g.members }));
}

/** The dry run of a re-publish: what would be read, how much matches, where it would go and who would see it. Writes nothing. */
export async function planRepublish(spec: RepublishSpec): Promise<RepublishPlan> {
  const ranges = await resolveRanges(spec);
  const records = ranges.reduce((sum, r) => sum + Number(BigInt(r.to) - BigInt(r.from)), 0);
  const metadata = await fetchAllMetadata();
  const sourcePartitions = metadata.find((t) => t.name === spec.source.topic)?.partitions.length ?? 0;
  const targetMetadata = metadata.find((t) => t.name === spec.target.topic);
  const targetPartitions = targetMetadata?.partitions.length ?? 0;
  const count =
    records > 0 ? await countMatches(spec.source.topic, ranges, spec.filter) : { matched: new Map<number, number>(), scanned: 0, complete: true, sample: [] };

  const filtered = Boolean(spec.filter);
  const exact = !filtered || count.complete;
  const matchedCounted = [...count.matched.values()].reduce((a, b) => a + b, 0);
  // A filter scanned in part: extrapolate its match ratio to the whole range.
  const matched = !filtered ? records : exact ? matchedCounted : count.scanned > 0 ? Math.round((matchedCounted / count.scanned) * records) : 0;

  const warnings: string[] = [];
  const mapping = !targetMetadata || targetPartitions === sourcePartitions ? "same-partition" : "by-key";
  if (!targetMetadata) warnings.push(`Target topic "${spec.target.topic}" does not exist: create it before starting the replay.`);
  else if (mapping === "by-key") {
    warnings.push(
      `The target has ${targetPartitions} partitions and the source ${sourcePartitions}: events are placed by key (Kafka's murmur2, like its default partitioner), events without a key by source partition modulo ${targetPartitions}. Order is kept per source partition, not across them.`,
    );
  }
  if (records === 0) warnings.push("The range holds no events: there is nothing to replay.");
  else if (matched === 0) warnings.push("No event in the range matches the filter.");
  if (spec.target.topic === spec.source.topic)
    warnings.push("Target and source are the same topic: the copies are appended after the originals, and its consumers see each selected event again.");
  if (!exact)
    warnings.push(
      `The filter was tried on ${count.scanned.toLocaleString("en-US")} of ${records.toLocaleString("en-US")} events; the match count is an estimate.`,
    );

  const rate = spec.ratePerSecond ?? unlimitedRateEstimate;
  return {
    kind: "republish",
    spec,
    ranges: ranges.map((r) => ({
      ...r,
      records: Number(BigInt(r.to) - BigInt(r.from)),
      matched: !filtered ? Number(BigInt(r.to) - BigInt(r.from)) : exact ? (count.matched.get(r.partition) ?? 0) : null,
    })),
    records,
    matched,
    scanned: count.scanned,
    exact,
    sample: count.sample,
    target: { topic: spec.target.topic, exists: Boolean(targetMetadata), partitions: targetPartitions, mapping, ...(await targetCompression(spec)) },
    consumers: targetMetadata ? await consumersOf(spec.target.topic) : [],
    estimatedSeconds: matched > 0 ? Math.max(1, Math.ceil(matched / rate)) : 0,
    warnings,
  };
}

/** The dry run of a reprocess: the group's state and members, and the offsets it would be rewound from and to. */
export async function planReprocess(spec: ReprocessSpec): Promise<ReprocessPlan> {
  const preview = await previewOffsetReset(spec.groupId, { topic: spec.topic, to: spec.to, dryRun: true });
  const records = preview.changes.reduce((sum, c) => (c.current === null ? sum : sum + Math.max(0, Number(BigInt(c.current) - BigInt(c.target)))), 0);
  const warnings: string[] = [];
  if (preview.members > 0)
    warnings.push(
      `Group "${spec.groupId}" has ${preview.members} active member(s): stop its consumers before reprocessing (their next commit would undo the rewind).`,
    );
  if (records === 0) warnings.push("The group is already at (or before) these offsets: nothing would be read again.");
  return { kind: "reprocess", spec, groupId: spec.groupId, state: preview.state, members: preview.members, changes: preview.changes, records, warnings };
}
