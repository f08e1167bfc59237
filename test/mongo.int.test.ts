import { MongoClient, type Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stackAddresses, uniqueName } from "./support/stack";

/**
 * The commands Eventdeck needs from a MongoDB wire server. This suite decided the
 * stack's choice of server (see stack/README.md) and runs unchanged against a real
 * MongoDB when EVENTDECK_MONGO_PORT points at one.
 */
describe("MongoDB wire server compatibility", () => {
  const client = new MongoClient(stackAddresses.mongoUri, { serverSelectionTimeoutMS: 5000 });
  const dbName = uniqueName("it_db").replace("-", "_");
  let db: Db;

  const orders = [
    { _id: 1, customer: "ada", status: "approved", total: 30, createdAt: new Date("2026-01-02T00:00:00Z") },
    { _id: 2, customer: "ada", status: "rejected", total: 70, createdAt: new Date("2026-01-03T00:00:00Z") },
    { _id: 3, customer: "bob", status: "approved", total: 10, createdAt: new Date("2026-01-04T00:00:00Z") },
    { _id: 4, customer: "cy", status: "shipped", total: 55, createdAt: new Date("2026-01-05T00:00:00Z") },
  ];

  beforeAll(async () => {
    await client.connect();
    db = client.db(dbName);
    await db.collection<(typeof orders)[number]>("orders").insertMany(orders);
  });

  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it("lists databases and collections", async () => {
    const { databases } = await client.db("admin").admin().listDatabases();
    expect(databases.map((d) => d.name)).toContain(dbName);
    const collections = await db.listCollections().toArray();
    expect(collections.map((c) => c.name)).toEqual(["orders"]);
  });

  it("answers dbStats and collection stats", async () => {
    const stats = await db.command({ dbStats: 1 });
    expect(stats.collections).toBe(1);
    expect(stats.objects).toBe(4);
    const [collStats] = await db
      .collection("orders")
      .aggregate([{ $collStats: { storageStats: {} } }])
      .toArray();
    expect(collStats?.storageStats?.count).toBe(4);
  });

  it("finds with filter, sort, projection, skip and limit", async () => {
    const found = await db
      .collection("orders")
      .find({ total: { $gte: 20 } }, { projection: { customer: 1, total: 1 }, sort: { total: -1 }, skip: 1, limit: 2 })
      .toArray();
    expect(found).toEqual([
      { _id: 4, customer: "cy", total: 55 },
      { _id: 1, customer: "ada", total: 30 },
    ]);
  });

  it("filters on dates and keeps their type", async () => {
    const found = await db
      .collection("orders")
      .find({ createdAt: { $gt: new Date("2026-01-03T12:00:00Z") } })
      .toArray();
    expect(found.map((d) => d._id)).toEqual([3, 4]);
    expect(found[0]?.createdAt).toBeInstanceOf(Date);
  });

  it("counts exactly and by estimate", async () => {
    expect(await db.collection("orders").countDocuments({ customer: "ada" })).toBe(2);
    expect(await db.collection("orders").estimatedDocumentCount()).toBe(4);
  });

  it("inserts, updates and deletes", async () => {
    const collection = db.collection<{ _id: number; status: string; version?: number }>("scratch");
    await collection.insertOne({ _id: 1, status: "new" });
    // A conditional update on a version: what idempotent consumers do without transactions.
    expect((await collection.updateOne({ _id: 1, version: { $exists: false } }, { $set: { status: "seen", version: 1 } })).modifiedCount).toBe(1);
    expect((await collection.updateOne({ _id: 1, version: { $exists: false } }, { $set: { status: "again" } })).modifiedCount).toBe(0);
    expect(await collection.findOne({ _id: 1 })).toEqual({ _id: 1, status: "seen", version: 1 });
    expect((await collection.deleteOne({ _id: 1 })).deletedCount).toBe(1);
    expect(await collection.countDocuments()).toBe(0);
  });

  it("creates, lists and drops an index, and enforces a unique one", async () => {
    const collection = db.collection("orders");
    const name = await collection.createIndex({ customer: 1, createdAt: -1 }, { name: "customer_createdAt" });
    await collection.createIndex({ orderNo: 1 }, { unique: true, name: "orderNo_unique" });
    const indexes = await collection.listIndexes().toArray();
    expect(indexes.map((i) => i.name).sort()).toEqual(["_id_", "customer_createdAt", "orderNo_unique"]);
    expect(indexes.find((i) => i.name === name)?.key).toEqual({ customer: 1, createdAt: -1 });

    const unique = db.collection("unique_probe");
    await unique.createIndex({ code: 1 }, { unique: true });
    await unique.insertOne({ code: "x" });
    await expect(unique.insertOne({ code: "x" })).rejects.toMatchObject({ code: 11000 });

    await collection.dropIndex(name);
    expect((await collection.listIndexes().toArray()).map((i) => i.name)).not.toContain(name);
  });

  it("aggregates with $match, $group, $sort and $limit", async () => {
    const totals = await db
      .collection("orders")
      .aggregate([
        { $match: { status: { $ne: "rejected" } } },
        // One accumulator per $group: FerretDB 1.24 computes only the first of several (see stack/README.md).
        { $group: { _id: "$customer", sum: { $sum: "$total" } } },
        { $sort: { sum: -1 } },
        { $limit: 2 },
      ])
      .toArray();
    expect(totals).toEqual([
      { _id: "cy", sum: 55 },
      { _id: "ada", sum: 30 },
    ]);
  });

  it("refuses server-side JavaScript with an error, not a result", async () => {
    await expect(db.collection("orders").find({ $where: "this.total > 10" }).toArray()).rejects.toThrow();
  });
});
