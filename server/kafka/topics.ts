import "server-only";
import type { ITopicMetadata } from "kafkajs";
import type { PartitionSummary, TopicDetail, TopicSummary } from "@/lib/schemas/kafka";
import { cached, invalidate } from "../cache";
import { AppError } from "../http/errors";
import { kafkaCall } from "./call";
import { getKafkaAdmin } from "./client";
import { prometheusGet } from "../prometheus/client";
import { describeKafkaCluster } from "./cluster";
import { cachedLogDirs } from "./log-dirs";
import { fetchWatermarksOf, withFreshMetadataOnFailure, type Watermarks } from "./offsets";

const metadataTtlMs = 2_000;

export type { Watermarks };

/** Metadata of every topic (one Metadata round trip), cached for 2 s and shared by concurrent callers. */
export function fetchAllMetadata(): Promise<ITopicMetadata[]> {
  return cached("kafka:metadata", metadataTtlMs, () =>
    kafkaCall("fetchTopicMetadata", async () => (await (await getKafkaAdmin()).fetchTopicMetadata()).topics),
  );
}

/**
 * Watermarks of every partition of every topic (three ListOffsets per broker), cached for 2 s
 * under the metadata's key so a change made through the console drops both.
 */
export function fetchAllWatermarks(): Promise<Map<string, Watermarks[]>> {
  return cached("kafka:metadata:watermarks", metadataTtlMs, () => withFreshMetadataOnFailure(async () => fetchWatermarksOf(await fetchAllMetadata())));
}

/** Low, high and stable offsets of one topic's partitions, cached for 2 s; 404 when it does not exist. */
export function fetchWatermarks(topic: string): Promise<Watermarks[]> {
  return cached(`kafka:watermarks:${topic}`, metadataTtlMs, () =>
    withFreshMetadataOnFailure(async () => {
      const metadata = (await fetchAllMetadata()).find((t) => t.name === topic);
      if (!metadata) throw new AppError("TOPIC_NOT_FOUND", `Topic "${topic}" does not exist`);
      return (await fetchWatermarksOf([metadata])).get(topic) ?? [];
    }),
  );
}

function summarize(topic: ITopicMetadata, watermarks: Watermarks[]): TopicDetail {
  const byPartition = new Map(watermarks.map((w) => [w.partition, w]));
  const partitionDetails: PartitionSummary[] = topic.partitions
    .map((p) => ({
      partition: p.partitionId,
      leader: p.leader,
      replicas: [...p.replicas].sort((a, b) => a - b),
      isr: [...p.isr].sort((a, b) => a - b),
      lowWatermark: byPartition.get(p.partitionId)?.low ?? "0",
      highWatermark: byPartition.get(p.partitionId)?.high ?? "0",
    }))
    .sort((a, b) => a.partition - b.partition);
  const messages = partitionDetails.reduce((sum, p) => sum + BigInt(p.highWatermark) - BigInt(p.lowWatermark), 0n);
  return {
    name: topic.name,
    internal: topic.name.startsWith("__"),
    partitions: partitionDetails.length,
    replicationFactor: Math.max(0, ...partitionDetails.map((p) => p.replicas.length)),
    underReplicated: partitionDetails.filter((p) => p.isr.length < p.replicas.length).length,
    messages: String(messages),
    bytes: null,
    producedPerSecond: null,
    partitionDetails,
  };
}

/**
 * Every topic with partition counts, replication, under-replicated partitions and
 * retained messages: one Metadata round trip plus three ListOffsets per broker.
 */
export async function listTopics(options: { internal: boolean; search: string }): Promise<TopicSummary[]> {
  const search = options.search.toLowerCase();
  const topics = (await fetchAllMetadata())
    .filter((t) => options.internal || !t.name.startsWith("__"))
    .filter((t) => !search || t.name.toLowerCase().includes(search))
    .sort((a, b) => a.name.localeCompare(b.name));
  const [watermarks, sizes, rates] = await Promise.all([fetchAllWatermarks(), topicSizes(), produceRates()]);
  return topics.map((topic) => {
    const { partitionDetails: _details, ...summary } = summarize(topic, watermarks.get(topic.name) ?? []);
    return { ...summary, bytes: sizes?.get(topic.name) ?? (sizes ? 0 : null), producedPerSecond: rates.get(topic.name) ?? null };
  });
}

/** Bytes per topic summed over every broker's log directories (cached 10 s); undefined when a broker did not answer. */
async function topicSizes(): Promise<Map<string, number> | undefined> {
  try {
    const brokers = (await describeKafkaCluster()).brokers;
    const dirs = await Promise.all(brokers.map((b) => cachedLogDirs(b.nodeId)));
    const sizes = new Map<string, number>();
    for (const dir of dirs.flat()) for (const t of dir.topics) sizes.set(t.topic, (sizes.get(t.topic) ?? 0) + t.bytes);
    return sizes;
  } catch {
    return undefined;
  }
}

/**
 * Messages produced per second per topic over the last minute, from the end offsets the
 * console's lag exporter gives Prometheus (topics some group reads). Prometheus being down
 * or slow only leaves the column empty.
 */
function produceRates(): Promise<Map<string, number>> {
  return cached("prometheus:produce-rates", 10_000, async () => {
    try {
      const data = await prometheusGet<{ result: Array<{ metric: { topic?: string }; value: [number, string] }> }>("query", {
        query: "sum by (topic) (rate(eventdeck_topic_end_offset[1m]))",
        timeout: "1s",
      });
      return new Map(data.result.filter((r) => r.metric.topic).map((r) => [r.metric.topic!, Number(r.value[1])]));
    } catch {
      return new Map();
    }
  });
}

/** One topic with its partitions' leaders, replicas, ISR and watermarks; 404 when it does not exist. */
export async function describeTopic(name: string): Promise<TopicDetail> {
  let topic = (await fetchAllMetadata()).find((t) => t.name === name);
  if (!topic) {
    // Created in the last two seconds? Ask once more before answering 404.
    invalidate("kafka:metadata");
    topic = (await fetchAllMetadata()).find((t) => t.name === name);
  }
  if (!topic) throw new AppError("TOPIC_NOT_FOUND", `Topic "${name}" does not exist`);
  const [watermarks, sizes, rates] = await Promise.all([fetchWatermarks(name), topicSizes(), produceRates()]);
  return { ...summarize(topic, watermarks), bytes: sizes?.get(name) ?? (sizes ? 0 : null), producedPerSecond: rates.get(name) ?? null };
}
