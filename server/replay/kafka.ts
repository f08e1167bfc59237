import "server-only";
import type { Admin, Cluster, Kafka } from "kafkajs";
import { createCluster, createKafka } from "../kafka/client";

const cache = globalThis as unknown as { eventdeckReplayKafka?: Kafka };

/**
 * The replay worker's own kafkajs client: patient where the console's request path is
 * quick (a replay rides through a leader election rather than answering 503 at once).
 */
export function replayKafka(): Kafka {
  if (!cache.eventdeckReplayKafka) {
    cache.eventdeckReplayKafka = createKafka({
      clientIdSuffix: "replay",
      connectionTimeout: 5_000,
      requestTimeout: 60_000,
      retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 3_000 },
    });
  }
  return cache.eventdeckReplayKafka;
}

/** A connected cluster that knows `topics`; one per running job, disconnected when it stops. */
export async function connectReplayCluster(topics: string[]): Promise<Cluster> {
  const cluster = createCluster<Cluster>(replayKafka(), { allowAutoTopicCreation: false, metadataMaxAge: 30_000 });
  await cluster.connect();
  for (const topic of topics) await cluster.addTargetTopic(topic);
  return cluster;
}

/** Runs `work` with a connected admin of the replay client, disconnected afterwards. */
export async function withReplayAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = replayKafka().admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
