import { Kafka, logLevel, type Admin } from "kafkajs";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stackAddresses } from "@/test/support/stack";
import { EventReader } from "./shared/avro-events";
import { registerLz4 } from "./shared/compression";
import { collectionHash, createCustomerAndWaitForOrders, eventually, newOrder } from "./testing/fixtures";
import { getJson, sendJson, Storefront } from "./testing/storefront";

const namespace = `it${Date.now().toString(36)}`;
const storefront = new Storefront(namespace, stackAddresses);
const mongo = new MongoClient(stackAddresses.mongoUri);
const kafka = new Kafka({ clientId: "storefront-it", brokers: stackAddresses.kafkaBrokers, logLevel: logLevel.NOTHING });
let admin: Admin;

const ordersDb = () => mongo.db(storefront.names.database("orders"));
const database = (service: "accounts" | "orders" | "fulfillment") => mongo.db(storefront.names.database(service));

/** Messages on `topic` the group has not committed yet. */
async function lag(groupId: string, topic: string): Promise<number> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const ends = await admin.fetchTopicOffsets(topic);
  return ends.reduce((sum, end) => {
    const offset = Number(committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
    return sum + Number(end.high) - (offset < 0 ? Number(end.low) : offset);
  }, 0);
}

const groups = () => [
  { groupId: storefront.names.group("orders.customers"), topic: storefront.names.topics.customerChange },
  { groupId: storefront.names.group("orders.saga"), topic: storefront.names.topics.fulfillmentChange },
  { groupId: storefront.names.group("fulfillment"), topic: storefront.names.topics.orderChange },
];

/** Waits until every group has consumed everything and no outbox holds an event. */
async function quiescent(): Promise<void> {
  await eventually(
    async () => {
      const lags = await Promise.all(groups().map((g) => lag(g.groupId, g.topic)));
      const outboxes = await Promise.all(
        [
          ["accounts", "customers"],
          ["orders", "orders"],
          ["fulfillment", "shipments"],
        ].map(([service, name]) =>
          database(service as "accounts")
            .collection(name!)
            .countDocuments({ hasOutbox: true }),
        ),
      );
      return [...lags, ...outboxes];
    },
    (values) => values.every((v) => v === 0),
    180_000,
    "all groups caught up and outboxes empty",
  );
}

async function snapshot() {
  const collections = [
    ["accounts", "customers"],
    ["orders", "orders"],
    ["orders", "customers"],
    ["orders", "operations"],
    ["fulfillment", "shipments"],
  ] as const;
  return Object.fromEntries(
    await Promise.all(collections.map(async ([service, name]) => [`${service}.${name}`, await collectionHash(database(service), name)] as const)),
  );
}

const reader = new EventReader(stackAddresses.schemaRegistryUrl);
// Fulfillment's batches are lz4: this process's kafkajs reads them as the services' does.
registerLz4();

/** The events on a topic for one key, in order, and whether each was JSON or Avro in the Confluent framing (reads the whole topic; test topics are small). */
async function eventsFor(topic: string, key: string): Promise<Array<{ type: string; version: number; format?: "json" | "avro" }>> {
  const consumer = kafka.consumer({ groupId: `${namespace}.reader-${Math.random().toString(36).slice(2)}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const ends = await admin.fetchTopicOffsets(topic);
  let remaining = ends.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  const found: Array<{ type: string; version: number; format?: "json" | "avro" }> = [];
  await new Promise<void>((resolve) => {
    if (remaining === 0) return resolve();
    void consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        if (String(message.key) === key) {
          const { event } = await reader.parse(message);
          found.push({
            type: event.type,
            version: event.version,
            ...(topic.endsWith("fulfillment.order.change") ? { format: message.value?.[0] === 0 ? "avro" : "json" } : {}),
          });
        }
        if (--remaining === 0) resolve();
      },
    });
  });
  await consumer.disconnect();
  return found;
}

beforeAll(async () => {
  await mongo.connect();
  admin = kafka.admin();
  await admin.connect();
  await storefront.startAll();
}, 120_000);

afterAll(async () => {
  await storefront.destroy();
  await admin.disconnect();
  await mongo.close();
}, 120_000);

describe("storefront on the real stack", () => {
  it("copies a new customer into orders and keeps the copy up to date", async () => {
    const customer = await createCustomerAndWaitForOrders(storefront.url("accounts"), storefront.url("orders"));
    const copy = await getJson(`${storefront.url("orders")}/customers/${customer._id}`);
    expect(copy.body).toMatchObject({ status: "active", version: 1 });

    const updated = await sendJson("PATCH", `${storefront.url("accounts")}/customers/${customer._id}`, { email: "new@example.com", status: "inactive" });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    const refreshed = await eventually(
      () => getJson(`${storefront.url("orders")}/customers/${customer._id}`),
      (r) => r.body.version === 2,
      20_000,
      "updated customer copy",
    );
    expect(refreshed.body).toMatchObject({ email: "new@example.com", status: "inactive" });
  });

  it("answers bad requests with 400 and unknown ids with 404", async () => {
    const bad = await sendJson("POST", `${storefront.url("orders")}/orders`, { customerId: "nope", items: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("BAD_REQUEST");
    expect(bad.body.error.message).toMatch(/customerId/);
    expect((await getJson(`${storefront.url("orders")}/operations/${crypto.randomUUID()}`)).status).toBe(404);
    const unknown = await sendJson("POST", `${storefront.url("orders")}/orders`, newOrder(crypto.randomUUID()));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe("CUSTOMER_UNKNOWN");
  });

  it("takes an order from pending through approved to shipped", async () => {
    const customer = await createCustomerAndWaitForOrders(storefront.url("accounts"), storefront.url("orders"));
    const placed = await sendJson("POST", `${storefront.url("orders")}/orders`, newOrder(customer._id));
    expect(placed.status).toBe(202);
    expect(placed.body.status).toBe("pending");
    const operation = await eventually(
      () => getJson(`${storefront.url("orders")}/operations/${placed.body.operationId}`),
      (r) => r.body.status !== "pending",
      20_000,
      "operation to finish",
    );
    expect(operation.body).toMatchObject({ status: "succeeded", orderStatus: "shipped", orderId: placed.body.orderId });
    const order = await getJson(`${storefront.url("orders")}/orders/${placed.body.orderId}`);
    expect(order.body).toMatchObject({ status: "shipped", version: 3, reservation: { state: "captured" } });
    expect(await eventsFor(storefront.names.topics.orderChange, placed.body.orderId)).toEqual([
      { type: "OrderCreated", version: 1 },
      { type: "OrderApproved", version: 2 },
      { type: "OrderShipped", version: 3 },
    ]);
    // Fulfillment writes its events in Avro through the Schema Registry; the saga read them to get here.
    expect(await eventsFor(storefront.names.topics.fulfillmentChange, placed.body.orderId)).toEqual([
      { type: "FulfillmentApproved", version: 1, format: "avro" },
      { type: "OrderShipped", version: 2, format: "avro" },
    ]);
  });

  it("rejects the order of an inactive customer and releases its credit", async () => {
    const customer = await createCustomerAndWaitForOrders(storefront.url("accounts"), storefront.url("orders"));
    await sendJson("PATCH", `${storefront.url("accounts")}/customers/${customer._id}`, { status: "inactive" });
    await eventually(
      () => getJson(`${storefront.url("orders")}/customers/${customer._id}`),
      (r) => r.body.status === "inactive",
    );
    const placed = await sendJson("POST", `${storefront.url("orders")}/orders`, newOrder(customer._id));
    const operation = await eventually(
      () => getJson(`${storefront.url("orders")}/operations/${placed.body.operationId}`),
      (r) => r.body.status !== "pending",
    );
    expect(operation.body).toMatchObject({ status: "failed", orderStatus: "rejected", reason: "customer is inactive" });
    const order = await getJson(`${storefront.url("orders")}/orders/${placed.body.orderId}`);
    expect(order.body.reservation).toEqual({ amount: 20, state: "released" });
    expect(await eventsFor(storefront.names.topics.orderChange, placed.body.orderId)).toEqual([
      { type: "OrderCreated", version: 1 },
      { type: "OrderRejected", version: 2 },
    ]);
  });

  it("rebuilds the customers projection in orders to the same documents", async () => {
    const before = await collectionHash(ordersDb(), "customers");
    expect(before.count).toBeGreaterThan(0);
    const rebuild = await sendJson("POST", `${storefront.url("orders")}/admin/projections/customers/rebuild`, {});
    expect(rebuild.status).toBe(202);
    const after = await eventually(
      () => collectionHash(ordersDb(), "customers"),
      (h) => h.count === before.count,
      30_000,
      "rebuilt projection",
    );
    expect(after.hash).toBe(before.hash);
  });

  it("builds lag while fulfillment is down and catches up without losing or doubling an event", async () => {
    const customers = await Promise.all(Array.from({ length: 10 }, () => createCustomerAndWaitForOrders(storefront.url("accounts"), storefront.url("orders"))));
    await quiescent();
    expect(await storefront.stop("fulfillment")).toBe(0); // SIGTERM: a clean exit
    const fulfillmentGroup = storefront.names.group("fulfillment");

    const placed: string[] = [];
    const total = 500;
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < total) {
          const i = next++;
          const response = await sendJson("POST", `${storefront.url("orders")}/orders`, newOrder(customers[i % customers.length]!._id, 1));
          expect(response.status).toBe(202);
          placed.push(response.body.orderId);
        }
      }),
    );
    const grown = await eventually(
      () => lag(fulfillmentGroup, storefront.names.topics.orderChange),
      (l) => l >= total,
      30_000,
      "fulfillment lag",
    );
    expect(grown).toBe(total);

    await storefront.start("fulfillment");
    await quiescent();

    const orders = await database("orders")
      .collection("orders")
      .find({ _id: { $in: placed as never[] } })
      .toArray();
    expect(orders).toHaveLength(total);
    for (const order of orders) {
      expect(order).toMatchObject({ status: "shipped", version: 3, reservation: { state: "captured" } });
      expect(new Set(order.processedEvents).size).toBe(2);
      expect(order.processedEvents).toHaveLength(2);
    }
    const shipments = await database("fulfillment")
      .collection("shipments")
      .countDocuments({ _id: { $in: placed as never[] } });
    expect(shipments).toBe(total);
  }, 300_000);

  it("leaves every database unchanged when all events are delivered again", async () => {
    await quiescent();
    const before = await snapshot();
    await storefront.stopAll();
    await Promise.all(groups().map(({ groupId, topic }) => admin.resetOffsets({ groupId, topic, earliest: true })));
    expect(await lag(storefront.names.group("fulfillment"), storefront.names.topics.orderChange)).toBeGreaterThan(500);
    await storefront.startAll();
    await quiescent();
    expect(await snapshot()).toEqual(before);
    const metrics = await (await fetch(`${storefront.url("fulfillment")}/metrics`)).text();
    expect(metrics).toMatch(/storefront_events_consumed_total\{[^}]*type="OrderCreated"[^}]*outcome="duplicate"[^}]*\} [1-9]/);
  }, 300_000);
});
