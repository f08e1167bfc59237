import { z } from "zod";
import { baseConfigSchema, loadServiceConfig } from "../shared/config";
import { createHttpApp, HttpError } from "../shared/http";
import { OutboxRelay } from "../shared/outbox";
import { createRuntime, ensureTopics } from "../shared/runtime";
import { traceIdOf } from "../shared/trace";
import { createCustomer, createCustomerSchema, customerState, updateCustomer, updateCustomerSchema, type CustomerDocument } from "./customers";

const config = loadServiceConfig("accounts", baseConfigSchema.extend({ PORT: z.coerce.number().int().default(19101) }));
const runtime = await createRuntime("accounts", config);
const { topics } = runtime.names;
await ensureTopics(runtime.kafka, [topics.customerChange], runtime.log);

const customers = runtime.db.collection<CustomerDocument>("customers");
await customers.createIndex({ hasOutbox: 1 });
const relay = new OutboxRelay({
  collection: customers,
  producer: runtime.producer,
  topic: topics.customerChange,
  metrics: runtime.metrics,
  log: runtime.log,
  lock: runtime.lock,
});
relay.start();

const idParams = z.object({ id: z.uuid() });
const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), after: z.string().optional() });

const app = createHttpApp(runtime.metrics, runtime.log, async () => {
  await runtime.db.command({ ping: 1 });
  return { service: "accounts" };
});

app.post("/customers", async (request, reply) => {
  const input = createCustomerSchema.parse(request.body);
  const customer = await createCustomer(customers, input, traceIdOf(request));
  relay.kick(customer._id);
  return reply.status(201).send(customer);
});

app.get("/customers", async (request) => {
  const { limit, after } = listQuery.parse(request.query);
  const page = await customers
    .find(after ? { _id: { $gt: after } } : {}, { projection: { outbox: 0, hasOutbox: 0 } })
    .sort({ _id: 1 })
    .limit(limit)
    .toArray();
  return { customers: page, next: page.length === limit ? page.at(-1)?._id : null };
});

app.get("/customers/:id", async (request) => {
  const { id } = idParams.parse(request.params);
  const customer = await customers.findOne({ _id: id });
  if (!customer) throw new HttpError(404, "CUSTOMER_NOT_FOUND", `No customer ${id}`);
  return customerState(customer);
});

app.patch("/customers/:id", async (request) => {
  const { id } = idParams.parse(request.params);
  const patch = updateCustomerSchema.parse(request.body);
  const customer = await runtime.lock.run(id, () => updateCustomer(customers, id, patch, traceIdOf(request)));
  relay.kick(id);
  return customer;
});

runtime.track({ relay, http: app });
await app.listen({ host: "127.0.0.1", port: config.PORT });
runtime.log.info({ port: config.PORT }, "accounts listening");
