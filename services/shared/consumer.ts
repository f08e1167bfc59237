import type { Consumer, Kafka } from "kafkajs";
import type { Logger } from "pino";
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
}

/**
 * Consumes with an idempotent handler. An offset is marked consumed only after the
 * handler (and so its database write) finished, and committed after that; a handler
 * that throws makes kafkajs retry the message. Partitions run concurrently, messages
 * of one partition (one key) in order.
 */
export async function startEventConsumer(options: ConsumerOptions): Promise<Consumer> {
  const { kafka, groupId, topics, metrics, log, handle } = options;
  // A short fetch wait: a stopping consumer (SIGTERM, rebuild) returns within half a second.
  // A generous session: on a busy machine a slow database write must not get the member thrown out of its group.
  const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, rebalanceTimeout: 60_000, heartbeatInterval: 3_000, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ topic, partition, message, heartbeat }) => {
      let entry: OutboxEntry;
      try {
        entry = parseEvent(message);
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
