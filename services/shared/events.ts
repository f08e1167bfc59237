import { randomUUID } from "node:crypto";
import type { IHeaders, KafkaMessage, Message } from "kafkajs";
import { z } from "zod";

/** The envelope every storefront event travels in; `aggregateId` is also the Kafka message key. */
export const envelopeSchema = z.object({
  eventId: z.uuid(),
  type: z.string().min(1),
  aggregateId: z.string().min(1),
  occurredAt: z.iso.datetime(),
  version: z.number().int().positive(),
  payload: z.record(z.string(), z.unknown()),
});
export type EventEnvelope<P extends object = Record<string, unknown>> = Omit<z.infer<typeof envelopeSchema>, "payload"> & {
  payload: P;
};

/** An event waiting in an aggregate's outbox, with the trace it belongs to. */
export interface OutboxEntry {
  event: EventEnvelope;
  traceId: string;
}

/** A new event carrying the aggregate's full state after the change as its payload. */
export function newEvent(type: string, aggregateId: string, version: number, payload: object): EventEnvelope {
  return { eventId: randomUUID(), type, aggregateId, occurredAt: new Date().toISOString(), version, payload: { ...payload } };
}

export function newTraceId(): string {
  return randomUUID().replaceAll("-", "");
}

export function toKafkaMessage({ event, traceId }: OutboxEntry): Message {
  return {
    key: event.aggregateId,
    value: JSON.stringify(event),
    headers: { eventId: event.eventId, type: event.type, traceId },
  };
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return String(Array.isArray(value) ? value[0] : value);
}

export class MalformedEventError extends Error {}

/** Parses a consumed message into its envelope and trace id; throws MalformedEventError for anything else. */
export function parseEvent(message: KafkaMessage): OutboxEntry {
  let json: unknown;
  try {
    json = JSON.parse(String(message.value ?? ""));
  } catch {
    throw new MalformedEventError("value is not JSON");
  }
  const result = envelopeSchema.safeParse(json);
  if (!result.success) throw new MalformedEventError(`not an event envelope: ${result.error.issues[0]?.message}`);
  return { event: result.data, traceId: header(message.headers, "traceId") ?? newTraceId() };
}
