import { z } from "zod";
import { baseConfigSchema, loadServiceConfig } from "../shared/config";
import { createHttpApp, HttpError } from "../shared/http";
import { OutboxRelay } from "../shared/outbox";
import { RebuildableProjection } from "../shared/projection";
import { createRuntime, ensureTopics } from "../shared/runtime";
import { traceIdOf } from "../shared/trace";
import { applyCustomerEvent, type CustomerCopy } from "./customer-projection";
import { applyFulfillmentEvent, operationStatus, orderState, placeOrder, placeOrderSchema, type Operation, type OrderDocument } from "./orders";

const config = loadServiceConfig("orders", baseConfigSchema.extend({ PORT: z.coerce.number().int().default(19102) }));
const runtime = await createRuntime("orders", config);
const { topics } = runtime.names;
await ensureTopics(runtime.kafka, [topics.customerChange, topics.orderChange, topics.fulfillmentChange], runtime.log);

const orders = runtime.db.collection<OrderDocument>("orders");
const operations = runtime.db.collection<Operation>("operations");
await orders.createIndex({ hasOutbox: 1 });
await orders.createIndex({ customerId: 1 });

const relay = new OutboxRelay({
  collection: orders,
  producer: runtime.producer,
  topic: topics.orderChange,
  metrics: runtime.metrics,
  log: runtime.log,
  lock: runtime.lock,
});
relay.start();

// Orders' copy of customers: rebuildable in place or beside the live one (see RebuildableProjection).
const customerProjection = new RebuildableProjection<CustomerCopy>(
  runtime,
  "customers",
  "orders.customers",
  topics.customerChange,
  runtime.db,
  applyCustomerEvent,
);
await customerProjection.start();

await runtime.consume("orders.saga", [topics.fulfillmentChange], async (entry) => {
  const outcome = await runtime.lock.run(entry.event.aggregateId, () => applyFulfillmentEvent(orders, entry));
  if (outcome === "applied") relay.kick(entry.event.aggregateId);
  return outcome;
});

const idParams = z.object({ id: z.uuid() });
const app = createHttpApp(runtime.metrics, runtime.log, async () => {
  await runtime.db.command({ ping: 1 });
  return { service: "orders", projections: { customers: customerProjection.state } };
});

app.post("/orders", async (request, reply) => {
  const input = placeOrderSchema.parse(request.body);
  const { operationId, orderId } = await placeOrder({ orders, operations, customers: customerProjection.collection() }, input, traceIdOf(request));
  relay.kick(orderId);
  return reply.status(202).header("location", `/operations/${operationId}`).send({ operationId, orderId, status: "pending" });
});

app.get("/operations/:id", async (request) => {
  const { id } = idParams.parse(request.params);
  const operation = await operations.findOne({ _id: id });
  if (!operation) throw new HttpError(404, "OPERATION_NOT_FOUND", `No operation ${id}`);
  const order = await orders.findOne({ _id: operation.orderId });
  return { operationId: id, ...operationStatus(order ? orderState(order) : null) };
});

app.get("/orders/:id", async (request) => {
  const { id } = idParams.parse(request.params);
  const order = await orders.findOne({ _id: id });
  if (!order) throw new HttpError(404, "ORDER_NOT_FOUND", `No order ${id}`);
  return orderState(order);
});

app.get("/customers/:id", async (request) => {
  const { id } = idParams.parse(request.params);
  const customer = await customerProjection.collection().findOne({ _id: id });
  if (!customer) throw new HttpError(404, "CUSTOMER_NOT_FOUND", `Orders has no copy of customer ${id} (yet)`);
  return customer;
});

app.get("/admin/projections", async () => ({ projections: [customerProjection.info()] }));

app.post("/admin/projections/customers/rebuild", async (_request, reply) => {
  if (customerProjection.state === "rebuilding") throw new HttpError(409, "REBUILD_RUNNING", "A rebuild of customers is already running");
  await customerProjection.rebuild();
  return reply.status(202).send({ projection: "customers", state: "replaying", groupId: customerProjection.groupId });
});

/** A rebuild beside the live read model: start it, then swap it in (or drop it). */
app.post("/admin/projections/customers/shadow", async (_request, reply) => {
  if (customerProjection.state === "rebuilding") throw new HttpError(409, "REBUILD_RUNNING", "A rebuild of customers is already running");
  return reply.status(202).send(await customerProjection.startShadow());
});

app.post("/admin/projections/customers/shadow/swap", async () => {
  if (!customerProjection.info().shadow) throw new HttpError(409, "NO_SHADOW", "No shadow build of customers is running");
  return customerProjection.swapShadow();
});

app.delete("/admin/projections/customers/shadow", async () => {
  if (!customerProjection.info().shadow) throw new HttpError(409, "NO_SHADOW", "No shadow build of customers is running");
  return customerProjection.dropShadow();
});

runtime.track({ relay, http: app });
await app.listen({ host: "127.0.0.1", port: config.PORT });
runtime.log.info({ port: config.PORT }, "orders listening");
