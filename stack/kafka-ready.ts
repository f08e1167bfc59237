import { Kafka, logLevel } from "kafkajs";

// When a started cluster can take clients: every broker in the metadata, every group and
// transaction coordinator loaded.

/** Partitions of `__consumer_offsets` and `__transaction_state`: each one is a coordinator that loads on start. */
export const coordinatorPartitions = 3;

/** Java's `String.hashCode`, which Kafka uses to place a group or transactional id on a coordinator partition. */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/** The `__consumer_offsets` / `__transaction_state` partition Kafka assigns an id to (`Utils.abs(hashCode) % partitions`). */
export function coordinatorPartitionOf(id: string, partitions = coordinatorPartitions): number {
  return (javaStringHash(id) & 0x7fffffff) % partitions;
}

/** One id per coordinator partition, so that asking with each reaches every coordinator once. */
export function idsCoveringCoordinators(prefix: string, partitions = coordinatorPartitions): string[] {
  const ids = new Map<number, string>();
  for (let i = 0; ids.size < partitions; i++) {
    const id = `${prefix}-${i}`;
    const partition = coordinatorPartitionOf(id, partitions);
    if (!ids.has(partition)) ids.set(partition, id);
  }
  return [...ids.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
}

/**
 * Whether every group coordinator answers an OffsetFetch and every transaction coordinator an
 * InitProducerId. A broker that has just started (or restarted) loads these partitions after it
 * says "started", and until then answers "the coordinator is loading": a storefront service
 * started in that window would see its first join or producer id refused.
 */
export async function coordinatorsReady(brokers: string[]): Promise<boolean> {
  // A couple of quick retries: kafkajs reads the brokers' metadata on its first failed attempt.
  const kafka = new Kafka({
    clientId: "eventdeck-stack",
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    for (const groupId of idsCoveringCoordinators("eventdeck-stack-ready-group")) await admin.fetchOffsets({ groupId });
  } finally {
    await admin.disconnect();
  }
  for (const transactionalId of idsCoveringCoordinators("eventdeck-stack-ready-tx")) {
    const producer = kafka.producer({ transactionalId, maxInFlightRequests: 1, idempotent: true });
    try {
      await producer.connect(); // InitProducerId at its transaction coordinator
    } finally {
      await producer.disconnect();
    }
  }
  return true;
}

/** How many brokers the cluster's metadata lists (one DescribeCluster round trip). */
export async function describeBrokerCount(brokers: string[]): Promise<number> {
  const admin = new Kafka({
    clientId: "eventdeck-stack",
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length;
  } finally {
    await admin.disconnect();
  }
}
