import "server-only";
import { Partitioners } from "kafkajs";

const defaultPartitioner = Partitioners.DefaultPartitioner();
const metadataOf = new Map<number, unknown[]>();

/**
 * The partition Kafka's default partitioner puts a keyed record in: murmur2 of the key's
 * bytes, positive, modulo the partition count — the Java client's and kafkajs's
 * DefaultPartitioner alike, so every producer using them agrees with it.
 */
export function partitionForKey(key: Buffer | string, partitions: number): number {
  let metadata = metadataOf.get(partitions);
  if (!metadata) {
    metadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0] }));
    metadataOf.set(partitions, metadata);
  }
  return defaultPartitioner({
    topic: "",
    partitionMetadata: metadata as never,
    message: { key: typeof key === "string" ? Buffer.from(key) : key, value: null },
  });
}
