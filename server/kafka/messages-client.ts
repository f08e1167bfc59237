import "server-only";
import type { Cluster, Kafka, Producer } from "kafkajs";
import { getConfig } from "../config";
import { closeOnShutdown } from "../shutdown";
import { kafkaCall } from "./call";
import { createCluster, createKafka, failFastRetry } from "./client";

interface MessageClients {
  kafka: Kafka;
  producer?: Promise<Producer>;
}

const cache = globalThis as unknown as { eventdeckKafkaMessages?: MessageClients };

function clients(): MessageClients {
  if (!cache.eventdeckKafkaMessages) {
    const config = getConfig();
    cache.eventdeckKafkaMessages = {
      kafka: createKafka({
        clientIdSuffix: "messages",
        connectionTimeout: Math.min(config.BACKEND_TIMEOUT_MS, 3000),
        requestTimeout: Math.max(config.BACKEND_TIMEOUT_MS, 10_000),
        retry: failFastRetry,
      }),
    };
    closeOnShutdown("kafka-messages", async () => (await cache.eventdeckKafkaMessages?.producer)?.disconnect());
  }
  return cache.eventdeckKafkaMessages;
}

/**
 * A connected kafkajs cluster for reading partitions directly with Fetch requests.
 * kafkajs has no public "assign" API; its consumer would join a group (a join round,
 * a leftover group to delete). The cluster is what its consumer uses underneath; we
 * reach it through the client's own factory so brokers, TLS and SASL settings are the
 * same. One per scan, disconnected afterwards: a long-lived one remembers every topic
 * it ever read and fails its next metadata refresh once one of them is deleted.
 */
export async function connectFetchCluster(): Promise<Cluster> {
  const cluster = createCluster<Cluster>(clients().kafka, { allowAutoTopicCreation: false, metadataMaxAge: 60_000 });
  await cluster.connect();
  return cluster;
}

/** Runs `work` with a fresh fetch cluster that knows `topic` (404 when it does not exist), disconnected afterwards. */
export async function withFetchCluster<T>(topic: string, work: (cluster: Cluster) => Promise<T>): Promise<T> {
  const cluster = await kafkaCall("connect", () => connectFetchCluster());
  try {
    await kafkaCall("metadata", () => cluster.addTargetTopic(topic));
    return await work(cluster);
  } finally {
    void cluster.disconnect().catch(() => undefined);
  }
}

/** The process's producer for messages typed into the console, connected on first use. */
export function getMessageProducer(): Promise<Producer> {
  const state = clients();
  if (!state.producer) {
    const producer = state.kafka.producer({ allowAutoTopicCreation: false });
    state.producer = producer.connect().then(
      () => producer,
      (error: unknown) => {
        state.producer = undefined;
        throw error;
      },
    );
  }
  return state.producer;
}

/**
 * Forgets the producer after a failed send: kafkajs keeps every topic it ever wrote to
 * in its metadata requests, so a deleted topic would fail every later send.
 */
export async function resetMessageProducer(): Promise<void> {
  const state = cache.eventdeckKafkaMessages;
  if (!state) return;
  const producer = state.producer;
  state.producer = undefined;
  await (await producer?.catch(() => undefined))?.disconnect().catch(() => undefined);
}
