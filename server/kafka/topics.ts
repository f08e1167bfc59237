import "server-only";
import type { ITopicMetadata } from "kafkajs";
import type { PartitionSummary, TopicDetail, TopicSummary } from "@/lib/schemas/kafka";
import { cached, invalidate } from "../cache";
import { AppError } from "../http/errors";
import { kafkaCall } from "./call";
import { getKafkaAdmin } from "./client";

const metadataTtlMs = 2_000;

export interface Watermarks {
  partition: number;
  low: string;
  high: string;
}

/** Metadata of every topic (one Metadata round trip), cached for 2 s and shared by concurrent callers. */
export function fetchAllMetadata(): Promise<ITopicMetadata[]> {
  return cached("kafka:metadata", metadataTtlMs, () =>
    kafkaCall("fetchTopicMetadata", async () => (await (await getKafkaAdmin()).fetchTopicMetadata()).topics),
  );
}

/** Low and high watermarks of one topic's partitions (two ListOffsets rounds), cached for 2 s. */
export function fetchWatermarks(topic: string): Promise<Watermarks[]> {
  return cached(`kafka:watermarks:${topic}`, metadataTtlMs, () =>
    kafkaCall("fetchTopicOffsets", async () =>
      (await (await getKafkaAdmin()).fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, low: p.low, high: p.high })),
    ),
  );
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
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
    partitionDetails,
  };
}

/**
 * Every topic with partition counts, replication, under-replicated partitions and
 * retained messages: one Metadata round trip plus ListOffsets per topic (16 at a time).
 */
export async function listTopics(options: { internal: boolean; search: string }): Promise<TopicSummary[]> {
  const search = options.search.toLowerCase();
  const topics = (await fetchAllMetadata())
    .filter((t) => options.internal || !t.name.startsWith("__"))
    .filter((t) => !search || t.name.toLowerCase().includes(search))
    .sort((a, b) => a.name.localeCompare(b.name));
  const watermarks = await mapLimited(topics, 16, (t) => fetchWatermarks(t.name));
  return topics.map((topic, i) => {
    const { partitionDetails: _details, ...summary } = summarize(topic, watermarks[i]!);
    return summary;
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
  if (!topic) throw new AppError("TOPIC_NOT_FOUND", `Topic "${name}" does not exist`, 404);
  return summarize(topic, await fetchWatermarks(name));
}
