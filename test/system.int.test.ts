import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomerAndWaitForOrders, eventually, newOrder } from "@/services/testing/fixtures";
import { getJson, sendJson, Storefront } from "@/services/testing/storefront";
import type { EntityTrace, SystemMap } from "@/lib/schemas/system";
import { createReplayJob } from "@/server/replay/jobs";
import { partitionForKey } from "@/server/kafka/partitioner";
import { compareCopiesOf, getConsistencyCheck, listConsistencyChecks, startConsistencyCheck } from "@/server/system/consistency";
import { stateDir } from "@/stack/settings";
import { startReplayWorker, stopProcess, waitForJob } from "./support/replay";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";

// The storefront's own processes in a namespace of their own, scraped by the stack's Prometheus,
// described to the console by a system config written for them.
process.env.REPLAY_WORKER = "off";
process.env.CLUSTER_NAME = uniqueName("it-system");

const namespace = `sy${Date.now().toString(36)}`;
const storefront = new Storefront(namespace, stackAddresses);
const { topics } = storefront.names;
const db = (service: string) => storefront.names.database(service);
const dir = mkdtempSync(join(tmpdir(), "eventdeck-system-"));
const targetsFile = join(stateDir, "prometheus", "targets", `services-${namespace}.json`);
let worker: { child: ChildProcess; output: string[] } | undefined;
let customer: { _id: string };
let orderId: string;

function writeSystemConfig(): void {
  const escaped = namespace.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const config = {
    eventdeck: {
      // The groups also take in a replay job's progress group, which the map must leave out by itself.
      match: { topics: `^${escaped}\\.`, groups: `^(${escaped}\\.|eventdeck-replay-${escaped})` },
      // Only databases are declared: producers come from the metrics, consumers from the groups' client ids.
      services: ["accounts", "orders", "fulfillment"].map((name) => ({ name, database: db(name) })),
      entities: [
        {
          name: "customer",
          topics: [topics.customerChange],
          documents: [
            { service: "accounts", database: db("accounts"), collection: "customers" },
            { service: "orders", database: db("orders"), collection: "customers", projection: "customers" },
          ],
        },
        {
          name: "order",
          topics: [topics.orderChange, topics.fulfillmentChange],
          documents: [
            { service: "orders", database: db("orders"), collection: "orders" },
            { service: "fulfillment", database: db("fulfillment"), collection: "shipments" },
          ],
          related: [{ entity: "customer", field: "customerId" }],
        },
      ],
      copies: [
        {
          name: "customers-in-orders",
          entity: "customer",
          source: { service: "accounts", database: db("accounts"), collection: "customers" },
          copy: { service: "orders", database: db("orders"), collection: "customers", projection: "customers" },
          fields: ["name", "email", "status", "creditLimit"],
          updatedAtField: "updatedAt",
          topic: topics.customerChange,
        },
      ],
    },
  };
  writeFileSync(join(dir, "eventdeck.config.json"), JSON.stringify(config, null, 2));
  process.env.SYSTEM_CONFIG_FILE = join(dir, "eventdeck.config.json");
}

/** Tells the stack's Prometheus about this storefront's services (file discovery, picked up within 5 s). */
function writePrometheusTargets(): void {
  const targets = (["accounts", "orders", "fulfillment"] as const).map((service) => ({
    targets: [storefront.url(service).replace("http://", "")],
    labels: { service, namespace },
  }));
  writeFileSync(targetsFile, JSON.stringify(targets));
}

async function api<T>(path: string): Promise<{ status: number; body: T }> {
  const url = new URL(path, "http://localhost");
  const handlers =
    url.pathname === "/api/system/map"
      ? await import("@/app/api/system/map/route")
      : url.pathname === "/api/system/trace"
        ? await import("@/app/api/system/trace/route")
        : await import("@/app/api/system/catalog/route");
  const response = await handlers.GET(new Request(url), undefined);
  return { status: response.status, body: (await response.json()) as T };
}

beforeAll(async () => {
  writeSystemConfig();
  await storefront.startAll();
  process.env.SERVICES = (["accounts", "orders", "fulfillment"] as const).map((s) => `${s}=${storefront.url(s)}`).join(",");
  writePrometheusTargets();
  customer = await createCustomerAndWaitForOrders(storefront.url("accounts"), storefront.url("orders"));
  const others = await Promise.all([1, 2, 3].map(() => createCustomerAndWaitForOrders(storefront.url("accounts"), storefront.url("orders"))));
  const placed = await sendJson("POST", `${storefront.url("orders")}/orders`, newOrder(customer._id));
  orderId = placed.body.orderId;
  await Promise.all(others.map((c) => sendJson("POST", `${storefront.url("orders")}/orders`, newOrder(c._id))));
  await eventually(
    () => getJson(`${storefront.url("orders")}/orders/${orderId}`),
    (r) => r.body?.status === "shipped",
    60_000,
    "order shipped",
  );
}, 180_000);

afterAll(async () => {
  rmSync(targetsFile, { force: true });
  if (worker) await stopProcess(worker.child);
  await storefront.destroy();
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe("the service map", () => {
  it("lists the three services with the topics they produce (from their metrics) and their groups (from the members' client ids)", async () => {
    // A re-publish job's progress: offsets committed on a system topic by a group that consumes nothing.
    const progressGroup = `eventdeck-replay-${namespace}-job`;
    const admin = testKafka().admin();
    await admin.connect();
    await admin.setOffsets({ groupId: progressGroup, topic: topics.customerChange, partitions: [0, 1, 2].map((partition) => ({ partition, offset: "0" })) });
    await admin.disconnect();
    const map = await eventually(
      async () => (await api<SystemMap>("/api/system/map")).body,
      (m) => m.edges.filter((e) => e.kind === "produces" && e.source === "metrics").length === 3 && m.edges.filter((e) => e.kind === "consumes").length === 3,
      60_000,
      "producers from metrics and three consumer edges",
    );
    expect(map.services.map((s) => s.name)).toEqual(["accounts", "fulfillment", "orders"]);
    const produces = map.edges.filter((e) => e.kind === "produces").map((e) => [e.service, e.topic, e.source]);
    expect(produces.sort()).toEqual(
      [
        ["accounts", topics.customerChange, "metrics"],
        ["fulfillment", topics.fulfillmentChange, "metrics"],
        ["orders", topics.orderChange, "metrics"],
      ].sort(),
    );
    const consumes = map.edges.filter((e) => e.kind === "consumes").map((e) => [e.topic, e.groupId, e.service, e.source]);
    expect(consumes.sort()).toEqual(
      [
        [topics.customerChange, storefront.names.group("orders.customers"), "orders", "group-members"],
        [topics.fulfillmentChange, storefront.names.group("orders.saga"), "orders", "group-members"],
        [topics.orderChange, storefront.names.group("fulfillment"), "fulfillment", "group-members"],
      ].sort(),
    );
    expect(map.topics.map((t) => t.name).sort()).toEqual([topics.customerChange, topics.fulfillmentChange, topics.orderChange].sort());
    // Each service shows its own database's collections; every service is scraped and up.
    expect(map.services.find((s) => s.name === "orders")!.collections.map((c) => c.name)).toEqual(
      expect.arrayContaining(["orders", "customers", "operations"]),
    );
    expect(map.services.every((s) => s.up === true)).toBe(true);
    for (const edge of map.edges.filter((e) => e.kind === "consumes")) expect(edge.lag).toMatch(/^\d+$/);
    expect(map.groups.map((g) => g.groupId)).not.toContain(progressGroup);
  });
});

describe("the entity trace", () => {
  it("shows an order's events in order across the three topics, reading one partition per topic, with the documents in orders and fulfillment", async () => {
    const { status, body: trace } = await api<EntityTrace>(`/api/system/trace?id=${orderId}`);
    expect(status).toBe(200);
    const orderEvents = trace.events.filter((e) => e.key === orderId);
    expect(orderEvents.map((e) => e.topic)).toEqual(expect.arrayContaining([topics.orderChange, topics.fulfillmentChange]));
    expect(orderEvents[0]!.type).toBe("OrderCreated");
    const types = orderEvents.map((e) => e.type);
    expect(types.indexOf("FulfillmentApproved")).toBeGreaterThan(types.indexOf("OrderCreated"));
    expect(types.indexOf("OrderApproved")).toBeGreaterThan(types.indexOf("FulfillmentApproved"));
    expect(types.filter((t) => t === "OrderShipped")).toHaveLength(2);
    const timestamps = trace.events.map((e) => e.timestamp);
    expect(timestamps).toEqual([...timestamps].sort());
    // The order names its customer: the customer's events come along (the third topic).
    expect(trace.traced).toContainEqual({ entity: "customer", id: customer._id, via: "order.customerId" });
    expect(trace.events.some((e) => e.topic === topics.customerChange && e.key === customer._id && e.type === "CustomerCreated")).toBe(true);

    // One partition per topic: the one the key hashes to, out of three.
    expect(trace.scans.length).toBeGreaterThanOrEqual(4);
    for (const scan of trace.scans) {
      expect(scan.partitionCount).toBe(3);
      expect(scan.partitions).toEqual([partitionForKey(scan.key!, 3)]);
    }
    expect(trace.scans.filter((s) => s.key === customer._id).map((s) => s.topic)).toEqual([topics.customerChange]);
    for (const event of trace.events) expect(event.partition).toBe(partitionForKey(event.key!, 3));

    const doc = (database: string, collection: string) =>
      trace.documents.find((d) => d.database === database && d.collection === collection && d.id === orderId)?.document as Record<string, unknown> | null;
    expect(doc(db("orders"), "orders")).toMatchObject({ _id: orderId, status: "shipped", customerId: customer._id });
    expect(doc(db("fulfillment"), "shipments")).toMatchObject({ _id: orderId, status: "shipped" });
    // Every group reading these partitions has processed the events.
    const created = orderEvents.find((e) => e.type === "OrderCreated")!;
    expect(created.groups).toContainEqual(
      expect.objectContaining({ groupId: storefront.names.group("fulfillment"), service: "fulfillment", processed: true, behind: "0" }),
    );
    expect(trace.consistency).toContainEqual(expect.objectContaining({ copy: "customers-in-orders", id: customer._id, state: "consistent" }));
  });

  it("finds a request's events by its trace id, in every partition", async () => {
    const { body: byId } = await api<EntityTrace>(`/api/system/trace?id=${orderId}&entity=order`);
    const traceId = byId.events.find((e) => e.type === "OrderCreated")!.traceId!;
    const { body: trace } = await api<EntityTrace>(`/api/system/trace?traceId=${traceId}`);
    expect(trace.events.length).toBeGreaterThanOrEqual(5);
    expect(new Set(trace.events.map((e) => e.key))).toEqual(new Set([orderId]));
    for (const scan of trace.scans) expect(scan.partitions).toEqual([0, 1, 2]);
    expect(trace.documents.some((d) => d.id === orderId && d.document !== null)).toBe(true);
  });

  it("answers a request with neither id nor trace id, or an unknown entity, with a clear 400 or 404", async () => {
    const missing = await api<{ error: { message: string } }>("/api/system/trace");
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain("either id or traceId");
    const unknown = await api<{ error: { message: string } }>("/api/system/trace?id=x&entity=invoice");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('No entity "invoice"');
  });
});

describe("the consistency check", () => {
  it("reports exactly the customer changed while orders was down as stale, and an entity replay repairs it", async () => {
    await storefront.stop("orders");
    const changed = await sendJson("PATCH", `${storefront.url("accounts")}/customers/${customer._id}`, { name: "Renamed While Orders Was Down" });
    expect(changed.status).toBe(200);
    // Accounts has published the change.
    await eventually(
      async () => (await api<EntityTrace>(`/api/system/trace?id=${customer._id}&entity=customer`)).body,
      (t) => t.events.some((e) => e.type === "CustomerUpdated"),
      30_000,
      "CustomerUpdated on the topic",
    );

    const started = await startConsistencyCheck("customers-in-orders", "test");
    const check = await eventually(
      () => getConsistencyCheck(started.id),
      (c) => c.state !== "running",
      60_000,
      "check finished",
    );
    expect(check.state).toBe("completed");
    expect(check.counts).toMatchObject({ checked: 4, consistent: 3, stale: 1, diverged: 0, missing: 0, orphan: 0 });
    expect(check.mismatches).toHaveLength(1);
    const [stale] = check.mismatches;
    expect(stale).toMatchObject({ id: customer._id, state: "stale", sourceVersion: 2, copyVersion: 1 });
    expect(stale!.differences).toEqual([{ field: "name", source: "Renamed While Orders Was Down", copy: expect.any(String) }]);
    expect(stale!.staleSeconds).toBeGreaterThanOrEqual(0);
    expect(stale!.replay).toEqual({ topic: topics.customerChange, partition: partitionForKey(customer._id, 3), key: customer._id });

    // The event is lost to orders: its group is moved past it while orders is down.
    const admin = testKafka().admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topics.customerChange);
    await admin.setOffsets({
      groupId: storefront.names.group("orders.customers"),
      topic: topics.customerChange,
      partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
    });
    await admin.disconnect();
    await storefront.start("orders");
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await compareCopiesOf("customer", customer._id, []))[0]).toMatchObject({ state: "stale" });

    // The entity replay: the customer's events re-published on its topic, from the one partition.
    worker = startReplayWorker();
    const job = await createReplayJob(
      {
        kind: "republish",
        source: { topic: stale!.replay!.topic, partitions: [stale!.replay!.partition], range: { kind: "all" } },
        filter: `key == ${JSON.stringify(customer._id)}`,
        target: { topic: stale!.replay!.topic },
      },
      "test",
    );
    expect(job.plan.matched).toBe(2);
    const done = await waitForJob(job.id, (j) => j.state === "completed" || j.state === "failed", 60_000);
    expect(done.state).toBe("completed");
    await eventually(
      () => compareCopiesOf("customer", customer._id, []),
      (c) => c[0]?.state === "consistent",
      30_000,
      "copy repaired",
    );

    const again = await startConsistencyCheck("customers-in-orders", "test");
    const clean = await eventually(
      () => getConsistencyCheck(again.id),
      (c) => c.state !== "running",
      60_000,
      "second check finished",
    );
    expect(clean.counts).toMatchObject({ checked: 4, consistent: 4, stale: 0 });
    // The list shows both checks, newest first, without their mismatches.
    const listed = await listConsistencyChecks();
    expect(listed.slice(0, 2).map((c) => [c.id, c.counts.stale, c.mismatches.length])).toEqual([
      [again.id, 0, 0],
      [started.id, 1, 0],
    ]);
  });
});
