import { Kafka, Partitioners, logLevel, type Admin, type Producer } from "kafkajs";
import { MongoClient, type Db } from "mongodb";
import pino, { type Logger } from "pino";
import type { FastifyInstance } from "fastify";
import { EventReader } from "./avro-events";
import { registerLz4 } from "./compression";
import { names, type StorefrontNames } from "./config";
import { startEventConsumer, type EventConsumer, type HandleOutcome } from "./consumer";
import type { OutboxEntry } from "./events";
import { withKafkaRetry, isTransientKafkaError, backoffMs } from "./kafka-retry";
import { KeyedLock } from "./keyed-lock";
import { createServiceMetrics, type ServiceMetrics } from "./metrics";

type EventHandler = (entry: OutboxEntry, topic: string) => Promise<HandleOutcome>;

export interface ServiceRuntime {
  service: string;
  log: Logger;
  metrics: ServiceMetrics;
  kafka: Kafka;
  producer: Producer;
  mongo: MongoClient;
  db: Db;
  names: StorefrontNames;
  /** Per-aggregate write lock shared by everything in this service that updates documents. */
  lock: KeyedLock;
  /** Starts an idempotent consumer in group `groupName` (namespaced) and stops it on shutdown. */
  consume(groupName: string, topics: string[], handle: EventHandler): Promise<EventConsumer>;
  /** Outbox relays and the HTTP app to stop on SIGTERM (consumers from consume() are stopped too). */
  track(part: { relay?: { stop(): Promise<void> }; http?: FastifyInstance }): void;
  shutdown(): Promise<void>;
}

interface RuntimeConfig {
  SCHEMA_REGISTRY_URL: string;
  KAFKA_BROKERS: string[];
  MONGODB_URI: string;
  STOREFRONT_NAMESPACE: string;
  LOG_LEVEL: string;
}

/** Connects a service to Kafka and its own database and wires graceful shutdown. */
export async function createRuntime(service: string, config: RuntimeConfig): Promise<ServiceRuntime> {
  const log = pino({ name: service, level: config.LOG_LEVEL });
  registerLz4();
  const reader = new EventReader(config.SCHEMA_REGISTRY_URL);
  const metrics = createServiceMetrics(service);
  const storefront = names(config.STOREFRONT_NAMESPACE);
  const kafka = new Kafka({ clientId: service, brokers: config.KAFKA_BROKERS, logLevel: logLevel.WARN, logCreator: kafkaLogCreator(log) });
  // The default partitioner is murmur2 like the Java client: a key lands where any Kafka tool expects it.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  // The idempotent producer asks for a producer id at connect: a broker still loading its
  // transaction coordinator answers "not yet", so the service waits rather than exits.
  await withKafkaRetry("producer connect", () => producer.connect(), log);
  // A small pool: the local wire server serialises writes per database, and many concurrent
  // writers there wait on each other far longer than a short queue in the driver does.
  const mongo = new MongoClient(config.MONGODB_URI, { appName: service, serverSelectionTimeoutMS: 5000, maxPoolSize: Number(process.env.MONGO_POOL ?? 4) });
  await mongo.connect();
  const db = mongo.db(storefront.database(service));

  const consumers: EventConsumer[] = [];
  const relays: Array<{ stop(): Promise<void> }> = [];
  const apps: FastifyInstance[] = [];
  let stopping: Promise<void> | undefined;

  const runtime: ServiceRuntime = {
    service,
    log,
    metrics,
    kafka,
    producer,
    mongo,
    db,
    names: storefront,
    lock: new KeyedLock(),
    async consume(groupName, topics, handle) {
      const consumer = await startEventConsumer({ kafka, groupId: storefront.group(groupName), topics, metrics, log, handle, parse: (m) => reader.parse(m) });
      consumers.push(consumer);
      return consumer;
    },
    track(part) {
      if (part.relay) relays.push(part.relay);
      if (part.http) apps.push(part.http);
    },
    shutdown() {
      stopping ??= (async () => {
        log.info("stopping: no new requests or messages; finishing the ones in hand");
        const step = async (what: string, work: Promise<unknown>) => {
          const started = Date.now();
          await work;
          log.info({ ms: Date.now() - started }, `stopped ${what}`);
        };
        await step("http", Promise.all(apps.map((app) => app.close())));
        // disconnect() lets the message in hand finish and commits what was processed.
        await step("consumers", Promise.all(consumers.map((consumer) => consumer.disconnect())));
        await step("outbox relays", Promise.all(relays.map((relay) => relay.stop())));
        await step("producer", producer.disconnect());
        await step("mongo", mongo.close());
        log.info("stopped");
      })();
      return stopping;
    },
  };

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      runtime.shutdown().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
  return runtime;
}

/**
 * Creates the topics a service publishes to or reads, if missing (3 partitions each), and waits
 * until every partition has a leader. Services start together on a fresh cluster, so two may
 * create the same topic at once and a topic may exist before its metadata has reached every
 * broker; a broker still starting answers "not yet". All of these are waited out (with a log
 * line every few attempts); only an error that waiting cannot fix ends the wait.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], log?: Logger): Promise<void> {
  const admin: Admin = kafka.admin();
  for (let attempt = 1; ; attempt++) {
    let waitingFor: string;
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((topic) => !existing.has(topic));
      if (missing.length) {
        await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
      }
      const { topics: described } = await admin.fetchTopicMetadata({ topics });
      const ready =
        described.length === topics.length &&
        described.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0));
      if (ready) break;
      waitingFor = "partition leaders";
    } catch (error) {
      // "already exists": another service won the race; the next round finds the topic.
      if (!isTransientKafkaError(error) && !isTopicAlreadyExists(error)) {
        await admin.disconnect().catch(() => undefined);
        throw error;
      }
      waitingFor = error instanceof Error ? error.message : String(error);
    }
    const wait = backoffMs(attempt, 250, 2_000);
    if (attempt % 5 === 0) log?.warn({ attempt, topics, retryInMs: wait }, `topics not ready yet (${waitingFor}); still waiting`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await admin.disconnect();
}

function isTopicAlreadyExists(error: unknown): boolean {
  const e = error as { type?: unknown; errors?: unknown[] } | null;
  if (e?.type === "TOPIC_ALREADY_EXISTS") return true;
  return Array.isArray(e?.errors) && e.errors.length > 0 && e.errors.every((inner) => isTopicAlreadyExists(inner) || isTransientKafkaError(inner));
}

function kafkaLogCreator(log: Logger) {
  return () =>
    ({ level, log: entry }: { level: number; log: { message: string } & Record<string, unknown> }) => {
      const { message, ...rest } = entry;
      if (level <= logLevel.ERROR) log.error(rest, message);
      else if (level === logLevel.WARN) log.warn(rest, message);
      else log.debug(rest, message);
    };
}
