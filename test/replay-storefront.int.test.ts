import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import { collectionHash, createCustomerAndWaitForOrders, eventually, newOrder } from "@/services/testing/fixtures";
import { getJson, sendJson, Storefront } from "@/services/testing/storefront";
import type { ProjectionInfo, ReplayJob } from "@/lib/schemas/replay";
import { createReplayJob } from "@/server/replay/jobs";
import { startReplayWorker, stopProcess, waitForJob } from "./support/replay";
import { stackAddresses, uniqueName } from "./support/stack";

// The storefront's own services on the real stack; a replay worker process runs the jobs.
process.env.REPLAY_WORKER = "off";
process.env.CLUSTER_NAME = uniqueName("it-replay-storefront");

const namespace = `rp${Date.now().toString(36)}`;
const storefront = new Storefront(namespace, stackAddresses);
const mongo = new MongoClient(stackAddresses.mongoUri);
const ordersDb = () => mongo.db(storefront.names.database("orders"));
let worker: { child: ChildProcess; output: string[] };

async function projection(): Promise<Omit<ProjectionInfo, "service">> {
  const { body } = await getJson(`${storefront.url("orders")}/admin/projections`);
  return (body as { projections: Array<Omit<ProjectionInfo, "service">> }).projections.find((p) => p.name === "customers")!;
}

async function snapshot(customers: string) {
  const [orders, copies, operations] = await Promise.all(["orders", customers, "operations"].map((name) => collectionHash(ordersDb(), name)));
  return { orders: orders!, customers: copies!, operations: operations! };
}

const finished = (job: ReplayJob) => job.state === "completed" || job.state === "failed" || job.state === "cancelled";

beforeAll(async () => {
  await storefront.startAll();
  process.env.SERVICES = `orders=${storefront.url("orders")}`;
  const customers = await Promise.all(Array.from({ length: 6 }, () => createCustomerAndWaitForOrders(storefront.url("accounts"), storefront.url("orders"))));
  const placed = await Promise.all(customers.map((c) => sendJson("POST", `${storefront.url("orders")}/orders`, newOrder(c._id))));
  for (const { body } of placed) {
    await eventually(
      () => getJson(`${storefront.url("orders")}/orders/${body.orderId}`),
      (r) => r.body?.status === "shipped",
      60_000,
      "order shipped",
    );
  }
  worker = startReplayWorker();
}, 180_000);

afterAll(async () => {
  if (worker) await stopProcess(worker.child);
  await storefront.destroy();
  await mongo.close();
}, 120_000);

describe("reprocess and rebuild on the storefront", () => {
  it("rewinds the orders groups to the earliest offsets: they read everything again and the orders database stays the same", async () => {
    await storefront.stop("orders");
    const before = await snapshot("customers");
    expect(before.orders.count).toBe(6);
    const jobs = await Promise.all(
      ["orders.saga", "orders.customers"].map((name) =>
        createReplayJob({ kind: "reprocess", groupId: storefront.names.group(name), to: { kind: "earliest" } }, "test"),
      ),
    );
    for (const job of jobs) expect(job.progress.total).toBeGreaterThan(0);
    // The rewind is done while orders is down; its consumers read everything again once it is back.
    await Promise.all(jobs.map((job) => waitForJob(job.id, (j) => j.progress.partitions.length > 0 || finished(j), 30_000)));
    await storefront.start("orders");
    const done = await Promise.all(jobs.map((job) => waitForJob(job.id, finished, 90_000)));
    for (const job of done) {
      expect(job.state, job.error ?? "").toBe("completed");
      expect(job.progress.done).toBe(job.progress.total);
    }
    expect(await snapshot("customers")).toEqual(before);
  });

  it("refuses to reprocess a group with active members", async () => {
    await expect(
      createReplayJob({ kind: "reprocess", groupId: storefront.names.group("orders.saga"), to: { kind: "earliest" } }, "test"),
    ).rejects.toMatchObject({ status: 409, code: "GROUP_ACTIVE" });
  });

  it("rebuilds orders' customer projection beside the live one and swaps it in: same hash, never empty", async () => {
    const live = await projection();
    const before = await collectionHash(ordersDb(), live.collection);
    expect(before.count).toBe(6);
    const job = await createReplayJob({ kind: "rebuild", service: "orders", projection: "customers", mode: "shadow" }, "test");
    let smallest = Number.POSITIVE_INFINITY;
    let state = job;
    while (!finished(state)) {
      const current = await projection();
      smallest = Math.min(smallest, await ordersDb().collection(current.collection).countDocuments());
      state = await waitForJob(job.id, () => true);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(state.state, `${state.error}\n${JSON.stringify(state.progress.steps)}`).toBe("completed");
    expect(smallest).toBe(6);
    expect(state.progress.steps!.map((s) => s.state)).toEqual(["done", "done", "done", "done", "done"]);
    expect(state.progress.steps![2]!.detail).toMatch(/^identical/);
    const after = await projection();
    expect(after.collection).not.toBe(live.collection);
    expect(after.groupId).not.toBe(live.groupId);
    expect(after.shadow).toBeNull();
    expect(await collectionHash(ordersDb(), after.collection)).toEqual(before);
    expect(await ordersDb().listCollections({ name: live.collection }).toArray()).toHaveLength(0);
  });

  it("rebuilds it in place (drop, rewind, catch up) to the same hash", async () => {
    const live = await projection();
    const before = await collectionHash(ordersDb(), live.collection);
    const job = await createReplayJob({ kind: "rebuild", service: "orders", projection: "customers", mode: "in-place" }, "test");
    const done = await waitForJob(job.id, finished, 90_000);
    expect(done.state, `${done.error}\n${JSON.stringify(done.progress.steps)}`).toBe("completed");
    expect(done.progress.steps![3]!.detail).toMatch(/^identical to before/);
    expect(await collectionHash(ordersDb(), live.collection)).toEqual(before);
  });
});
