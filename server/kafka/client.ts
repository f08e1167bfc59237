import "server-only";
import { registerKafkajsCodecs } from "./kafkajs-codecs";
import { connect, isIP } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { Kafka, logLevel, type Admin, type ISocketFactory, type RetryOptions } from "kafkajs";
import { getConsoleMetrics } from "../metrics/registry";
import { getConfig } from "../config";
import { closeOnShutdown } from "../shutdown";
import { kafkaConnectionOptions } from "./connection";

interface KafkaClients {
  kafka: Kafka;
  admin?: Promise<Admin>;
  cluster?: Promise<KafkaCluster>;
}

/** The part of kafkajs's internal Cluster the console uses for requests batched per broker. */
export interface KafkaCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findBroker(options: { nodeId: string }): Promise<KafkaBroker>;
  metadata(options: { topics: string[] }): Promise<{
    clusterId: string;
    controllerId: number;
    brokers: Array<{ nodeId: number; host: string; port: number; rack: string | null }>;
  }>;
}

export interface FetchedRecord {
  offset: string;
  timestamp: string;
  isControlRecord?: boolean;
  batchContext?: { producerId: string; inTransaction: boolean };
}

export interface KafkaBroker {
  listOffsets(request: {
    isolationLevel: 0 | 1;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; timestamp: number }> }>;
  }): Promise<{ responses: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> }>;
  fetch(request: {
    isolationLevel: 0 | 1;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }> }>;
  }): Promise<{
    responses: Array<{
      topicName: string;
      partitions: Array<{
        partition: number;
        errorCode: number;
        highWatermark: string;
        lastStableOffset: string;
        abortedTransactions?: Array<{ producerId: string; firstOffset: string }>;
        messages: FetchedRecord[];
      }>;
    }>;
  }>;
}

const cache = globalThis as unknown as { eventdeckKafka?: KafkaClients };

/**
 * kafkajs's plain-TCP socket, counting what it writes: kafkajs writes each request in
 * one call, so the console's load on the brokers is `eventdeck_kafka_requests_total`.
 */
const countingSocketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  // SNI carries host names only (RFC 6066); the certificate is still checked against an IP address.
  const socket = ssl ? tlsConnect({ ...ssl, host, port, servername: isIP(host) ? undefined : host }, onConnect) : connect({ host, port }, onConnect);
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  const requests = getConsoleMetrics().kafkaRequests;
  socket.write = ((...args: unknown[]) => {
    requests.inc();
    return write(...args);
  }) as typeof socket.write;
  return socket;
};

/** What differs between the console's kafkajs clients; brokers, TLS, SASL, logging and the counting socket are the same for all. */
export interface KafkaClientOptions {
  /** Appended to KAFKA_CLIENT_ID after a dash ("messages": `eventdeck-messages`), so the brokers tell the clients apart. */
  clientIdSuffix?: string;
  connectionTimeout: number;
  requestTimeout: number;
  retry: RetryOptions;
}

/** Fail fast: the console answers with a clear 503 rather than retrying for half a minute. */
export const failFastRetry: RetryOptions = { retries: 1, initialRetryTime: 100, maxRetryTime: 500 };

/** A new kafkajs client for the configured cluster (no connection yet): the one place the console's clients are set up. */
export function createKafka({ clientIdSuffix, connectionTimeout, requestTimeout, retry }: KafkaClientOptions): Kafka {
  registerKafkajsCodecs();
  const config = getConfig();
  return new Kafka({
    clientId: clientIdSuffix ? `${config.KAFKA_CLIENT_ID}-${clientIdSuffix}` : config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS,
    logLevel: logLevel.NOTHING,
    socketFactory: countingSocketFactory,
    ...kafkaConnectionOptions(),
    connectionTimeout,
    requestTimeout,
    retry,
  });
}

function getKafka(): KafkaClients {
  if (!cache.eventdeckKafka) {
    const config = getConfig();
    cache.eventdeckKafka = {
      kafka: createKafka({
        connectionTimeout: Math.min(config.BACKEND_TIMEOUT_MS, 3000),
        requestTimeout: config.BACKEND_TIMEOUT_MS,
        retry: failFastRetry,
      }),
    };
    closeOnShutdown("kafka", async () => {
      await (await cache.eventdeckKafka?.admin)?.disconnect();
      await (await cache.eventdeckKafka?.cluster?.catch(() => undefined))?.disconnect();
    });
  }
  return cache.eventdeckKafka;
}

/** The process's one connected kafkajs admin client; a failed connect is forgotten so the next call tries again. */
export function getKafkaAdmin(): Promise<Admin> {
  const clients = getKafka();
  if (!clients.admin) {
    const admin = clients.kafka.admin();
    clients.admin = admin.connect().then(
      () => admin,
      (error: unknown) => {
        clients.admin = undefined;
        throw error;
      },
    );
  }
  return clients.admin;
}

/**
 * kafkajs's admin API asks ListOffsets one topic at a time; the Cluster it is built on can
 * send one ListOffsets (or Fetch) per broker for any number of topics. The Kafka client
 * keeps its cluster factory under a private symbol: this finds it once and fails loudly
 * if a kafkajs upgrade renames it (the version is pinned in the lockfile).
 */
export function getKafkaCluster(): Promise<KafkaCluster> {
  const clients = getKafka();
  if (!clients.cluster) {
    const cluster = createCluster<KafkaCluster>(clients.kafka, { metadataMaxAge: 5_000, allowAutoTopicCreation: false });
    // connect() reads metadata for no topic at all; the refresh learns the brokers.
    clients.cluster = cluster.connect().then(
      async () => {
        await cluster.refreshMetadata();
        return cluster;
      },
      (error: unknown) => {
        clients.cluster = undefined;
        throw error;
      },
    );
  }
  return clients.cluster;
}

/** A new, unconnected kafkajs Cluster of `kafka` (same brokers, TLS and SASL), through its private factory. */
export function createCluster<C>(kafka: Kafka, options: { metadataMaxAge?: number; allowAutoTopicCreation?: boolean }): C {
  const factories = kafka as unknown as Record<symbol, (options: object) => C>;
  const factory = Object.getOwnPropertySymbols(kafka).find((symbol) => symbol.description === "private:Kafka:createCluster");
  if (!factory) throw new Error("kafkajs no longer exposes its cluster factory; check the kafkajs version");
  return factories[factory]!(options);
}

/**
 * Forgets the admin client and the cluster, disconnecting them in the background; the next
 * call connects afresh. kafkajs keeps every topic it was once asked about in each later
 * metadata request, so a topic deleted since (by anyone) makes all of them fail.
 */
export function resetKafkaClients(): void {
  const clients = cache.eventdeckKafka;
  if (!clients) return;
  const { admin, cluster } = clients;
  clients.admin = undefined;
  clients.cluster = undefined;
  void admin?.then((a) => a.disconnect()).catch(() => undefined);
  void cluster?.then((c) => c.disconnect()).catch(() => undefined);
}
