import { setTimeout as sleep } from "node:timers/promises";
import avro from "avsc";
import type { KafkaMessage, Message } from "kafkajs";
import type { Logger } from "pino";
import { envelopeSchema, MalformedEventError, newTraceId, parseEvent, type OutboxEntry } from "./events";

/*
 * Storefront events in Avro through a Schema Registry, in the Confluent framing (a zero byte,
 * the schema id big-endian, the Avro binary): what fulfillment publishes, so the demo carries
 * schema-encoded, compressed data like production topics do. Readers take JSON or this framing.
 */

/** The envelope's fields in Avro, but for its payload (a record of each kind of aggregate). */
export const envelopeAvroFields = [
  { name: "eventId", type: { type: "string", logicalType: "uuid" } },
  { name: "type", type: "string" },
  { name: "aggregateId", type: "string" },
  { name: "occurredAt", type: { type: "long", logicalType: "timestamp-millis" } },
  { name: "version", type: "int" },
] as const;

/** Fulfillment's events: the envelope, its payload the shipment as decided. */
export const fulfillmentEventSchema = {
  type: "record",
  name: "FulfillmentEvent",
  namespace: "storefront.fulfillment",
  fields: [
    ...envelopeAvroFields,
    {
      name: "payload",
      type: {
        type: "record",
        name: "Shipment",
        fields: [
          { name: "_id", type: "string" },
          { name: "customerId", type: "string" },
          { name: "total", type: "double" },
          { name: "status", type: "string" },
          { name: "reason", type: ["null", "string"], default: null },
          { name: "sourceEventId", type: "string" },
          { name: "decidedAt", type: "string" },
          { name: "version", type: "int" },
        ],
      },
    },
  ],
} as const;

const registryType = "application/vnd.schemaregistry.v1+json";

/** Registers `schema` under `subject` (the id it already has, if it has one), waiting out a registry that is still starting. */
async function registerSchema(registryUrl: string, subject: string, schema: object, log: Logger): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
        method: "POST",
        headers: { "content-type": registryType },
        body: JSON.stringify({ schema: JSON.stringify(schema) }),
        signal: AbortSignal.timeout(5_000),
      });
      if (response.ok) return ((await response.json()) as { id: number }).id;
      // A refusal (an incompatible change, say) will not pass by waiting.
      if (response.status < 500) throw new Error(`the Schema Registry refused ${subject}: ${response.status} ${await response.text()}`);
      log.warn({ subject, status: response.status, attempt }, "schema registry answered with an error; trying again");
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("the Schema Registry refused")) throw error;
      log.warn({ subject, attempt, err: error instanceof Error ? error.message : String(error) }, "schema registry not reachable yet; waiting");
    }
    await sleep(Math.min(5_000, 250 * attempt));
  }
}

/** Writes one kind of event in Avro under a registered schema. */
export class AvroEventWriter {
  private constructor(
    private readonly schemaId: number,
    private readonly type: avro.Type,
  ) {}

  static async create(registryUrl: string, subject: string, schema: object, log: Logger): Promise<AvroEventWriter> {
    const id = await registerSchema(registryUrl, subject, schema, log);
    log.info({ subject, schemaId: id }, "events are written in Avro");
    return new AvroEventWriter(id, avro.Type.forSchema(schema as avro.Schema));
  }

  /** The Kafka message of an outbox entry, as the JSON writer makes it but with the value framed Avro. */
  toKafkaMessage = ({ event, traceId }: OutboxEntry): Message => {
    const header = Buffer.alloc(5);
    header.writeUInt32BE(this.schemaId, 1);
    const record = { ...event, occurredAt: Date.parse(event.occurredAt), payload: { reason: null, ...event.payload } };
    return {
      key: event.aggregateId,
      value: Buffer.concat([header, this.type.toBuffer(record)]),
      headers: { eventId: event.eventId, type: event.type, traceId },
    };
  };
}

/** Reads events in JSON or in the Confluent framing (their schemas fetched by id once: ids never change). */
export class EventReader {
  private readonly types = new Map<number, Promise<avro.Type>>();

  constructor(private readonly registryUrl: string) {}

  private typeOf(id: number): Promise<avro.Type> {
    let type = this.types.get(id);
    if (!type) {
      type = (async () => {
        const response = await fetch(`${this.registryUrl}/schemas/ids/${id}`, { signal: AbortSignal.timeout(5_000) });
        if (response.status === 404) throw new MalformedEventError(`schema id ${id} is unknown to the Schema Registry`);
        if (!response.ok) throw new Error(`the Schema Registry answered ${response.status} for schema id ${id}`);
        const { schema, schemaType } = (await response.json()) as { schema: string; schemaType?: string };
        if (schemaType && schemaType !== "AVRO") throw new MalformedEventError(`schema id ${id} is ${schemaType}, not Avro`);
        return avro.Type.forSchema(JSON.parse(schema) as avro.Schema);
      })();
      // A failure is not kept: the registry may answer the next time.
      type.catch(() => this.types.delete(id));
      this.types.set(id, type);
    }
    return type;
  }

  async parse(message: KafkaMessage): Promise<OutboxEntry> {
    const value = message.value;
    if (!value || value.length < 5 || value[0] !== 0) return parseEvent(message);
    const type = await this.typeOf(value.readUInt32BE(1));
    let record: Record<string, unknown>;
    try {
      record = type.fromBuffer(value.subarray(5)) as Record<string, unknown>;
    } catch (error) {
      throw new MalformedEventError(`the Avro value does not decode: ${error instanceof Error ? error.message : String(error)}`);
    }
    const payload = Object.fromEntries(Object.entries((record.payload ?? {}) as Record<string, unknown>).filter(([, v]) => v !== null));
    const result = envelopeSchema.safeParse({ ...record, occurredAt: new Date(Number(record.occurredAt)).toISOString(), payload });
    if (!result.success) throw new MalformedEventError(`not an event envelope: ${result.error.issues[0]?.message}`);
    const traceId = message.headers?.traceId;
    return { event: result.data, traceId: traceId ? String(Array.isArray(traceId) ? traceId[0] : traceId) : newTraceId() };
  }
}
