import { setTimeout as sleep } from "node:timers/promises";
import kafkajs from "kafkajs";
import { z } from "zod";
import { AvroEventWriter, fulfillmentEventSchema } from "../shared/avro-events";
import { baseConfigSchema, loadServiceConfig } from "../shared/config";
import { createHttpApp, HttpError } from "../shared/http";
import { OutboxRelay } from "../shared/outbox";
import { createRuntime, ensureTopics } from "../shared/runtime";
import { handleOrderEvent, type ShipmentDocument } from "./shipments";

const config = loadServiceConfig(
  "fulfillment",
  baseConfigSchema.extend({
    PORT: z.coerce.number().int().default(19103),
    /** Extra time spent on each order, so one instance can fall behind and build lag. */
    FULFILLMENT_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  }),
);
const runtime = await createRuntime("fulfillment", config);
const { topics } = runtime.names;
await ensureTopics(runtime.kafka, [topics.orderChange, topics.fulfillmentChange], runtime.log);

const shipments = runtime.db.collection<ShipmentDocument>("shipments");
await shipments.createIndex({ hasOutbox: 1 });
// Fulfillment's events go out in Avro under the topic's value subject, in lz4 batches.
const avro = await AvroEventWriter.create(config.SCHEMA_REGISTRY_URL, `${topics.fulfillmentChange}-value`, fulfillmentEventSchema, runtime.log);
const relay = new OutboxRelay({
  collection: shipments,
  producer: runtime.producer,
  topic: topics.fulfillmentChange,
  toMessage: avro.toKafkaMessage,
  // kafkajs's CommonJS constants come from its default export under Node's ESM loader.
  compression: kafkajs.CompressionTypes.LZ4,
  metrics: runtime.metrics,
  log: runtime.log,
  lock: runtime.lock,
});
relay.start();

await runtime.consume("fulfillment", [topics.orderChange], async (entry) => {
  if (entry.event.type === "OrderCreated" && config.FULFILLMENT_DELAY_MS > 0) await sleep(config.FULFILLMENT_DELAY_MS);
  const outcome = await handleOrderEvent(shipments, entry);
  if (outcome === "applied") relay.kick(entry.event.aggregateId);
  return outcome;
});

const idParams = z.object({ id: z.uuid() });
const app = createHttpApp(runtime.metrics, runtime.log, async () => {
  await runtime.db.command({ ping: 1 });
  return { service: "fulfillment", delayMs: config.FULFILLMENT_DELAY_MS };
});

app.get("/shipments/:id", async (request) => {
  const { id } = idParams.parse(request.params);
  const shipment = await shipments.findOne({ _id: id }, { projection: { outbox: 0, hasOutbox: 0 } });
  if (!shipment) throw new HttpError(404, "SHIPMENT_NOT_FOUND", `No shipment for order ${id}`);
  return shipment;
});

runtime.track({ relay, http: app });
await app.listen({ host: "127.0.0.1", port: config.PORT });
runtime.log.info({ port: config.PORT }, "fulfillment listening");
