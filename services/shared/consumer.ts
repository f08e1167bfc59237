import type { Consumer, Kafka, KafkaMessage } from "kafkajs";
import type { Logger } from "pino";
import { withKafkaRetry } from "./kafka-retry";
import { MalformedEventError, parseEvent, type OutboxEntry } from "./events";
import type { ServiceMetrics } from "./metrics";

/** What handling an event did: changed state, or recognised it as already applied, or had nothing to do. */
export type HandleOutcome = "applied" | "duplicate" | "ignored";

interface ConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  metrics: ServiceMetrics;
  log: Logger;
  handle: (entry: OutboxEntry, topic: string) => Promise<HandleOutcome>;
  /** Reads a message into its envelope (default: JSON); throws MalformedEventError for what it cannot. */
  parse?: (message: KafkaMessage) => OutboxEntry | Promise<OutboxEntry>;
}

/** A running consumer of the storefront: it restarts itself when it stalls; disconnect() stops it for good. */
export interface EventConsumer {
  disconnect(): Promise<void>;
}

/** No fetch, heartbeat or join for this long while running means the consumer is stuck (beyond the 30 s session). */
const stallAfterMs = 45_000;

/**
 * Starts a consumer that watches itself: kafkajs emits an event on every fetch, heartbeat and
 * join. Seen on a busy machine: after "the coordinator is not aware of this member" a
 * kafkajs consumer re-joining its group can go silent for good, the group left Empty while
 * the process looks healthy. A consumer silent for 45 s, or crashed without restarting, is
 * replaced by a new one (its uncommitted messages are read again: handlers are idempotent).
 * A consumer whose handler is still at work is never restarted.
 */
export async function startEventConsumer(options: ConsumerOptions): Promise<EventConsumer> {
  let lastSign = Date.now();
  // A handler at work is not a stall, however slow its database is: its slowness shows as lag.
  let busy = 0;
  const watched: ConsumerOptions = {
    ...options,
    handle: async (entry, topic) => {
      busy++;
      try {
        return await options.handle(entry, topic);
      } finally {
        busy--;
        lastSign = Date.now();
      }
    },
  };
  let current = await startKafkaConsumer(watched);
  let stopped = false;
  let restarting = false;
  const watch = (consumer: Consumer) => {
    for (const event of [consumer.events.FETCH_START, consumer.events.HEARTBEAT, consumer.events.GROUP_JOIN, consumer.events.START_BATCH_PROCESS]) {
      consumer.on(event, () => {
        lastSign = Date.now();
      });
    }
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) void restart(`it crashed: ${payload.error.message}`);
    });
  };
  const restart = async (why: string) => {
    if (stopped || restarting) return;
    restarting = true;
    options.log.error({ groupId: options.groupId }, `consumer restarting because ${why}`);
    options.metrics.handlerErrors.inc({ topic: options.topics.join(","), reason: "consumer-restart" });
    try {
      await Promise.race([current.disconnect(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (stopped) return;
      const next = await startKafkaConsumer(watched);
      if (stopped) {
        await next.disconnect();
        return;
      }
      current = next;
      watch(current);
      lastSign = Date.now();
    } catch (error) {
      options.log.error({ err: error, groupId: options.groupId }, "consumer restart failed; trying again");
    } finally {
      restarting = false;
    }
  };
  watch(current);
  const timer = setInterval(() => {
    if (busy === 0 && Date.now() - lastSign > stallAfterMs)
      void restart(`it has not fetched, heartbeated or joined for ${Math.round((Date.now() - lastSign) / 1000)} s`);
  }, 5_000);
  timer.unref();
  return {
    async disconnect() {
      stopped = true;
      clearInterval(timer);
      await current.disconnect();
    },
  };
}

/**
 * Consumes with an idempotent handler. An offset is marked consumed only after the
 * handler (and so its database write) finished, and committed after that; a handler
 * that throws makes kafkajs retry the message. Partitions run concurrently, messages
 * of one partition (one key) in order.
 */
async function startKafkaConsumer(options: ConsumerOptions): Promise<Consumer> {
  const { kafka, groupId, topics, metrics, log, handle } = options;
  // A short fetch wait: a stopping consumer (SIGTERM, rebuild) returns within half a second.
  // A generous session: on a busy machine a slow database write must not get the member thrown out of its group.
  const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, rebalanceTimeout: 60_000, heartbeatInterval: 3_000, maxWaitTimeInMs: 500 });
  // A broker that is starting answers the group's first requests with "coordinator loading" or
  // not at all: wait for it (with a log line per try) instead of ending the service.
  await withKafkaRetry(
    `consumer ${groupId} connect`,
    async () => {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
    },
    log,
  );
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ topic, partition, message, heartbeat }) => {
      let entry: OutboxEntry;
      try {
        entry = await (options.parse ?? parseEvent)(message);
      } catch (error) {
        if (!(error instanceof MalformedEventError)) throw error;
        // A message that can never be parsed is skipped, counted and logged, not retried forever.
        metrics.handlerErrors.inc({ topic, reason: "malformed" });
        log.warn({ topic, partition, offset: message.offset, reason: error.message }, "skipped a malformed message");
        return;
      }
      const labels = { topic, type: entry.event.type };
      const end = metrics.processingDuration.startTimer(labels);
      try {
        const outcome = await handle(entry, topic);
        metrics.eventsConsumed.inc({ ...labels, outcome });
      } catch (error) {
        metrics.handlerErrors.inc({ topic, reason: "handler" });
        log.error({ err: error, topic, partition, offset: message.offset, eventId: entry.event.eventId }, "handler failed; will retry");
        throw error;
      } finally {
        end();
      }
      // kafkajs heartbeats only between batches on its own: a long batch of slow writes would let the
      // session lapse and the member be thrown out ("the coordinator is not aware of this member").
      // It sends one here only when the heartbeat interval has passed.
      await heartbeat();
    },
  });
  return consumer;
}
