import { Double, Int32, Long, ObjectId } from "bson";
import { MongoClient, type Collection } from "mongodb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stackAddresses, uniqueName } from "./support/stack";
import { callRouteJson as callRoute, type RouteCallOptions, type RouteHandler as Handler } from "./support/route-call";

vi.stubEnv("MONGODB_URI", stackAddresses.mongoUri);
const indexesRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/indexes/route");
const indexRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/indexes/[name]/route");
const aggregateRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/aggregate/route");

const dbName = uniqueName("it_idx").replace("-", "_");
const collName = "orders";
const client = new MongoClient(stackAddresses.mongoUri, { serverSelectionTimeoutMS: 5000 });
let orders: Collection;
let isFerretDb = false;

const call = (handler: Handler, method: string, params: Record<string, string>, options: RouteCallOptions & { query?: string } = {}) =>
  callRoute(handler, method, `/api/mongo/x${options.query ?? ""}`, { ...options, params });

const ns = (db = dbName, collection = collName) => ({ db, collection });
const list = (where = ns()) => call(indexesRoute.GET, "GET", where);
const create = (body: unknown, where = ns(), headers?: Record<string, string>) => call(indexesRoute.POST, "POST", where, { body, headers });
const drop = (name: string, body?: unknown, where = ns(), headers?: Record<string, string>) =>
  call(indexRoute.DELETE, "DELETE", { ...where, name }, { body, headers });
const aggregate = (body: unknown, where = ns(), headers?: Record<string, string>) => call(aggregateRoute.POST, "POST", where, { body, headers });
const indexNames = async () => (await list()).body.indexes.map((i: { name: string }) => i.name);

beforeAll(async () => {
  await client.connect();
  isFerretDb = typeof (await client.db("admin").command({ buildInfo: 1 })).ferretdbVersion === "string";
  orders = client.db(dbName).collection(collName);
  await orders.insertMany(
    Array.from({ length: 12 }, (_, i) => ({
      _id: new ObjectId(),
      n: new Int32(i),
      status: i % 3 === 0 ? "rejected" : "approved",
      total: new Double(i * 10 + 0.5),
      big: Long.fromString(`900719925474099${i % 10}`),
      customer: { name: `c${i % 4}` },
    })),
  );
});

afterAll(async () => {
  await client
    .db(dbName)
    .dropDatabase()
    .catch(() => undefined);
  await client.close();
});

describe("indexes", () => {
  it("lists _id_ with its keys and size", async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    const idIndex = body.indexes.find((i: { name: string }) => i.name === "_id_");
    expect(idIndex).toMatchObject({ name: "_id_", keys: [{ field: "_id", direction: 1 }], unique: false, sparse: false });
    expect(typeof idIndex.size).toBe("number");
  });

  it("creates indexes from fields and directions or from EJSON keys, in key order, unique enforced", async () => {
    const fromFields = await create({
      keys: [
        { field: "status", direction: 1 },
        { field: "total", direction: -1 },
      ],
      name: "status_total",
    });
    expect(fromFields).toMatchObject({
      status: 201,
      body: {
        index: {
          name: "status_total",
          keys: [
            { field: "status", direction: 1 },
            { field: "total", direction: -1 },
          ],
        },
        warnings: [],
      },
    });

    const fromEjson = await create({ keys: `{"n": 1}`, unique: true });
    expect(fromEjson).toMatchObject({ status: 201, body: { index: { name: "n_1", unique: true } } });
    await expect(orders.insertOne({ n: new Int32(1) })).rejects.toThrow(/duplicate key/i);

    const nested = await create({ keys: `{"customer.name": -1}` });
    expect(nested).toMatchObject({ status: 201, body: { index: { name: "customer.name_-1" } } });
    expect(await indexNames()).toEqual(expect.arrayContaining(["_id_", "status_total", "n_1", "customer.name_-1"]));
  });

  it("answers 400 for bad keys: malformed EJSON naming the position, no field, a zero direction, a repeated field", async () => {
    const malformed = await create({ keys: `{"status": 1` });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/position 12/);
    expect((await create({ keys: "{}" })).status).toBe(400);
    expect((await create({ keys: `{"status": 0}` })).status).toBe(400);
    expect(
      (
        await create({
          keys: [
            { field: "a", direction: 1 },
            { field: "a", direction: -1 },
          ],
        })
      ).status,
    ).toBe(400);
    expect((await create({ keys: [{ field: "a", direction: 2 }] })).status).toBe(400);
    expect((await create({ keys: `{"a": 1}`, partialFilterExpression: `{"$where": "true"}` })).status).toBe(400);
    expect((await create({ keys: `{"a": 1}`, expireAfterSeconds: -1 })).status).toBe(400);
  });

  it("shows the server's answer plainly for options it refuses or ignores (FerretDB: TTL, partial, text; sparse ignored)", async () => {
    const ttl = await create({ keys: [{ field: "createdAt", direction: 1 }], expireAfterSeconds: 3600 });
    const partial = await create({ keys: [{ field: "total", direction: 1 }], partialFilterExpression: `{"status": "rejected"}` });
    const sparse = await create({ keys: [{ field: "coupon", direction: 1 }], sparse: true });
    if (!isFerretDb) {
      expect(ttl).toMatchObject({ status: 201, body: { index: { expireAfterSeconds: 3600 } } });
      expect(partial).toMatchObject({ status: 201, body: { index: { partialFilterExpression: { status: "rejected" } } } });
      expect(sparse).toMatchObject({ status: 201, body: { index: { sparse: true }, warnings: [] } });
      return;
    }
    expect(ttl).toMatchObject({ status: 422, body: { error: { code: "MONGO_REFUSED" } } });
    expect(ttl.body.error.message).toMatch(/Index option "expireAfterSeconds" is not implemented yet/);
    expect(partial.status).toBe(422);
    expect(partial.body.error.message).toMatch(/"partialFilterExpression" is not implemented yet/);
    expect(sparse.status).toBe(201);
    expect(sparse.body.warnings).toEqual([expect.stringMatching(/accepted sparse: true but lists the index without it/)]);
    const text = await create({ keys: `{"customer.name": "text"}` });
    expect(text.status).toBe(422);
    expect(text.body.error.message).toMatch(/text/);
  });

  it("drops an index after its name is typed; _id_ never; unknown index 404", async () => {
    await create({ keys: [{ field: "big", direction: 1 }], name: "big_1" });
    expect((await drop("big_1", { confirm: "big" })).status).toBe(400);
    expect((await drop("big_1")).status).toBe(400);
    const idDrop = await drop("_id_", { confirm: "_id_" });
    expect(idDrop.status).toBe(400);
    expect(idDrop.body.error.message).toMatch(/_id_ index cannot be dropped/);
    expect(await drop("no_such_index", { confirm: "no_such_index" })).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(await drop("big_1", { confirm: "big_1" })).toMatchObject({ status: 200, body: { dropped: "big_1" } });
    expect(await indexNames()).not.toContain("big_1");
    // The confirmation may also come as a query parameter.
    await create({ keys: [{ field: "big", direction: -1 }], name: "big_-1" });
    expect((await call(indexRoute.DELETE, "DELETE", { ...ns(), name: "big_-1" }, { query: "?confirm=big_-1" })).status).toBe(200);
  });

  it("answers 404 for an unknown database or collection, and 403 to cross-site changes", async () => {
    const noDb = ns(uniqueName("nodb").replace("-", "_"));
    const noColl = ns(dbName, "nothing-here");
    expect(await list(noDb)).toMatchObject({ status: 404, body: { error: { code: "DATABASE_NOT_FOUND" } } });
    expect(await list(noColl)).toMatchObject({ status: 404, body: { error: { code: "COLLECTION_NOT_FOUND" } } });
    expect(await create({ keys: `{"a": 1}` }, noColl)).toMatchObject({ status: 404, body: { error: { code: "COLLECTION_NOT_FOUND" } } });
    expect(await drop("a_1", { confirm: "a_1" }, noColl)).toMatchObject({ status: 404, body: { error: { code: "COLLECTION_NOT_FOUND" } } });
    expect((await client.db(dbName).listCollections({ name: "nothing-here" }).toArray()).length).toBe(0);

    const evil = { origin: "https://evil.example" };
    expect((await create({ keys: `{"evil": 1}` }, ns(), evil)).status).toBe(403);
    await create({ keys: [{ field: "status", direction: -1 }], name: "keep_me" });
    expect((await drop("keep_me", { confirm: "keep_me" }, ns(), { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(await indexNames()).toContain("keep_me");
    expect(await indexNames()).not.toContain("evil_1");
  });
});

describe("aggregate", () => {
  it("runs a read-only pipeline and answers canonical Extended JSON with the time taken", async () => {
    const { status, body } = await aggregate({
      pipeline: `[{"$match": {"status": "rejected"}}, {"$sort": {"n": -1}}, {"$project": {"_id": 0, "n": 1, "total": 1, "big": 1}}]`,
    });
    expect(status).toBe(200);
    expect(body.results).toEqual([
      { n: { $numberInt: "9" }, total: { $numberDouble: "90.5" }, big: { $numberLong: "9007199254740999" } },
      { n: { $numberInt: "6" }, total: { $numberDouble: "60.5" }, big: { $numberLong: "9007199254740996" } },
      { n: { $numberInt: "3" }, total: { $numberDouble: "30.5" }, big: { $numberLong: "9007199254740993" } },
      { n: { $numberInt: "0" }, total: { $numberDouble: "0.5" }, big: { $numberLong: "9007199254740990" } },
    ]);
    expect(body).toMatchObject({ truncated: false, limit: 100 });
    expect(typeof body.tookMs).toBe("number");
    expect(body.maxTimeMS).toBeGreaterThan(0);
  });

  it("caps results at the limit and says more exist; filters may use EJSON types", async () => {
    const capped = await aggregate({ pipeline: `[{"$sort": {"n": 1}}]`, limit: 5 });
    expect(capped.body.results).toHaveLength(5);
    expect(capped.body.truncated).toBe(true);
    const exact = await aggregate({ pipeline: `[{"$sort": {"n": 1}}]`, limit: 12 });
    expect(exact.body).toMatchObject({ truncated: false });
    expect(exact.body.results).toHaveLength(12);
    const typed = await aggregate({ pipeline: `[{"$match": {"big": {"$gte": {"$numberLong": "9007199254740998"}}}}, {"$count": "n"}]` });
    expect(typed.body.results).toEqual([{ n: { $numberInt: "2" } }]);
    expect((await aggregate({ pipeline: "[]", limit: 1001 })).status).toBe(400);
    expect((await aggregate({ pipeline: "[]", limit: 0 })).status).toBe(400);
    expect((await aggregate({ pipeline: "[]", maxTimeMS: 0 })).status).toBe(400);
  });

  it("refuses writing stages with a 400 naming the stage, also inside sub-pipelines", async () => {
    const out = await aggregate({ pipeline: `[{"$match": {}}, {"$out": "copied"}]` });
    expect(out).toMatchObject({ status: 400, body: { error: { code: "BAD_REQUEST" } } });
    expect(out.body.error.message).toMatch(/\$out at pipeline\[1\]/);
    const merge = await aggregate({ pipeline: `[{"$facet": {"a": [{"$merge": {"into": "x"}}]}}]` });
    expect(merge.status).toBe(400);
    expect(merge.body.error.message).toMatch(/\$merge/);
    expect((await client.db(dbName).listCollections({ name: "copied" }).toArray()).length).toBe(0);
  });

  it("refuses server-side JavaScript anywhere, malformed EJSON naming the position, and what is not a pipeline", async () => {
    const where = await aggregate({
      pipeline: `[{"$match": {"$and": [{"status": "rejected"}, {"$or": [{"n": 1}, {"$and": [{"customer.name": "c1"}, {"$where": "sleep(10000) || true"}]}]}]}}]`,
    });
    expect(where.status).toBe(400);
    expect(where.body.error.message).toMatch(/\$where/);
    const fn = await aggregate({ pipeline: `[{"$addFields": {"x": {"$function": {"body": "function() { return 1 }", "args": [], "lang": "js"}}}}]` });
    expect(fn.status).toBe(400);
    const text = `[{"$match": {"status": "rejected"}}, {"$limit": 5]`;
    const malformed = await aggregate({ pipeline: text });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/position \d+/);
    expect(malformed.body.error.details.position).toBe(text.lastIndexOf("]"));
    expect((await aggregate({ pipeline: `{"$match": {}}` })).status).toBe(400);
    expect((await aggregate({ pipeline: `[{"$match": {}, "$limit": 1}]` })).status).toBe(400);
    expect((await aggregate({ pipeline: `[{"match": {}}]` })).status).toBe(400);
    expect((await aggregate({ wrong: "[]" })).status).toBe(400);
  });

  it("answers 404 for an unknown database or collection, 403 cross-site, and shows the server's refusals plainly", async () => {
    expect(await aggregate({ pipeline: "[]" }, ns(uniqueName("nodb").replace("-", "_")))).toMatchObject({
      status: 404,
      body: { error: { code: "DATABASE_NOT_FOUND" } },
    });
    expect(await aggregate({ pipeline: "[]" }, ns(dbName, "missing"))).toMatchObject({ status: 404, body: { error: { code: "COLLECTION_NOT_FOUND" } } });
    // An empty result from an existing collection is an answer, not a 404.
    expect(await aggregate({ pipeline: `[{"$match": {"status": "nobody"}}]` })).toMatchObject({ status: 200, body: { results: [] } });
    expect((await aggregate({ pipeline: "[]" }, ns(), { origin: "https://evil.example" })).status).toBe(403);

    const lookup = await aggregate({ pipeline: `[{"$lookup": {"from": "customers", "localField": "customer.name", "foreignField": "name", "as": "c"}}]` });
    const max = await aggregate({ pipeline: `[{"$group": {"_id": "$status", "top": {"$max": "$total"}}}]` });
    if (!isFerretDb) {
      expect(lookup.status).toBe(200);
      expect(max.status).toBe(200);
      return;
    }
    expect(lookup).toMatchObject({ status: 422, body: { error: { code: "MONGO_REFUSED" } } });
    expect(lookup.body.error.message).toMatch(/stage "\$lookup" is not implemented yet/);
    expect(max.status).toBe(422);
    expect(max.body.error.message).toMatch(/accumulator "\$max" is not implemented yet/);
  });
});
