// Longer than 300 lines on purpose: every case reads one database seeded once in beforeAll (1,000
// documents to walk by keyset, ids of every BSON type); split, each file would seed it again.
import { Binary, EJSON, ObjectId, type Document } from "bson";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stackAddresses, uniqueName } from "./support/stack";
import { callRoute, type RouteCallOptions, type RouteHandler as Handler } from "./support/route-call";

vi.stubEnv("MONGODB_URI", stackAddresses.mongoUri);
const databasesRoute = await import("@/app/api/mongo/databases/route");
const databaseRoute = await import("@/app/api/mongo/databases/[db]/route");
const collectionsRoute = await import("@/app/api/mongo/databases/[db]/collections/route");
const collectionRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/route");
const documentsRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/documents/route");
const exportRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/export/route");
const importRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/import/route");

const dbName = uniqueName("it_browse").replace("-", "_");
const spareDb = uniqueName("it_drop").replace("-", "_");
const client = new MongoClient(stackAddresses.mongoUri, { serverSelectionTimeoutMS: 5000 });
const base = (db = dbName) => `/api/mongo/databases/${db}`;

const call = (handler: Handler, method: string, url: string, options: RouteCallOptions = {}) => callRoute<Document>(handler, method, url, options);

const docs = (collection: string, query: Record<string, string> = {}, db = dbName) =>
  call(documentsRoute.GET, "GET", `${base(db)}/collections/${collection}/documents?${new URLSearchParams(query)}`, { params: { db, collection } });

const ids = (body: Document) => (body.documents as Document[]).map((d) => EJSON.stringify(d._id));

// 1,000 documents whose `group` repeats (7 values) and is missing, null or a string in some.
const walkDocs = Array.from({ length: 1_000 }, (_, i) => {
  const doc: Document = { _id: new ObjectId(), i, name: `doc ${i}` };
  if (i % 50 === 0) return doc; // group missing
  if (i % 50 === 1) return { ...doc, group: null };
  if (i % 50 === 2) return { ...doc, group: `g${i % 3}` };
  return { ...doc, group: i % 7 };
});

// 120 documents whose `_id`s are of every type an `_id` can have, ObjectIds the most.
const mixedIds: unknown[] = [
  ...Array.from({ length: 80 }, () => new ObjectId()),
  -3,
  0,
  2.5,
  7,
  1e9,
  "",
  "a",
  "b-1",
  "ffffffffffffffffffffffff",
  "Zed",
  "000000000000000000000000",
  { k: 1 },
  { k: 2 },
  { a: "x" },
  new Binary(Buffer.from([1, 2, 3])),
  new Binary(Buffer.from([0])),
  true,
  false,
  new Date("2026-01-01T00:00:00Z"),
  new Date("1999-12-31T00:00:00Z"),
];
while (mixedIds.length < 120) mixedIds.push(`s-${mixedIds.length}`);

beforeAll(async () => {
  await client.connect();
  const db = client.db(dbName);
  await db.collection("walk").insertMany(walkDocs);
  await db.collection("mixed").insertMany(mixedIds.map((_id, i) => ({ _id, i })) as never);
  await db.collection("orders").insertMany([
    { _id: new ObjectId(), orderId: "o-1", status: "approved", total: 30, createdAt: new Date("2026-01-02T00:00:00Z"), note: 'has "quotes", commas' },
    { _id: new ObjectId(), orderId: "o-2", status: "rejected", total: 70.5, createdAt: new Date("2026-01-03T00:00:00Z"), items: [{ sku: "a", qty: 2 }] },
    { _id: new ObjectId(), orderId: "o-3", status: "rejected", total: 10, createdAt: new Date("2026-02-04T00:00:00Z") },
  ]);
  await client.db(spareDb).collection("c").insertOne({ x: 1 });
});

afterAll(async () => {
  await client
    .db(dbName)
    .dropDatabase()
    .catch(() => undefined);
  await client
    .db(spareDb)
    .dropDatabase()
    .catch(() => undefined);
  await client.close();
});

describe("databases", () => {
  it("lists databases with sizes and collection counts, MongoDB's own only when asked", async () => {
    const { status, body } = await call(databasesRoute.GET, "GET", "/api/mongo/databases");
    expect(status).toBe(200);
    const mine = (body.databases as Document[]).find((d) => d.name === dbName);
    expect(mine).toMatchObject({ name: dbName, collections: 3, system: false });
    expect(mine!.dataSize).toBeGreaterThan(0);
    expect((body.databases as Document[]).some((d) => d.system)).toBe(false);
    const all = await call(databasesRoute.GET, "GET", "/api/mongo/databases?system=true");
    expect(all.status).toBe(200);
    expect((await call(databasesRoute.GET, "GET", "/api/mongo/databases?system=maybe")).status).toBe(400);
  });

  it("drops a database only with its name typed, 404 for an unknown one", async () => {
    const drop = (db: string, confirm?: string) =>
      call(databaseRoute.DELETE, "DELETE", `${base(db)}${confirm === undefined ? "" : `?confirm=${confirm}`}`, { params: { db } });
    expect((await drop(spareDb)).status).toBe(400);
    expect((await drop(spareDb, "nope")).body.error.code).toBe("BAD_REQUEST");
    expect((await drop("it_no_such_db_x", "it_no_such_db_x")).body.error.code).toBe("DATABASE_NOT_FOUND");
    expect((await drop("bad/name", "bad/name")).status).toBe(400);
    expect((await drop("admin", "admin")).status).toBe(400);
    const crossSite = await call(databaseRoute.DELETE, "DELETE", `${base(spareDb)}?confirm=${spareDb}`, {
      params: { db: spareDb },
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    const done = await drop(spareDb, spareDb);
    expect(done).toMatchObject({ status: 200, body: { database: spareDb, dropped: true } });
    const { databases } = await client.db("admin").admin().listDatabases();
    expect(databases.map((d) => d.name)).not.toContain(spareDb);
  });
});

describe("collections", () => {
  const list = (query = "", db = dbName) => call(collectionsRoute.GET, "GET", `${base(db)}/collections${query}`, { params: { db } });
  const one = (collection: string, method = "GET", body?: string, query = "") =>
    call(collectionRoute[method as "GET"] as Handler, method, `${base()}/collections/${collection}${query}`, { params: { db: dbName, collection }, body });

  it("lists collections with estimated counts, sizes and indexes; exact counts on demand", async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    const walk = (body.collections as Document[]).find((c) => c.name === "walk")!;
    expect(walk).toMatchObject({ name: "walk", estimatedCount: 1_000, indexCount: 1 });
    expect(walk.avgDocumentSize).toBeGreaterThan(10);
    expect(walk.totalSize).toBeGreaterThan(0);
    expect(walk.indexSize).toBeGreaterThanOrEqual(0);
    expect(walk.exactCount).toBeUndefined();
    const exact = await list("?exact=true");
    expect((exact.body.collections as Document[]).find((c) => c.name === "orders")).toMatchObject({ exactCount: 3 });
    expect((await one("orders", "GET", undefined, "?exact=true")).body).toMatchObject({ name: "orders", exactCount: 3 });
  });

  it("answers 404 for an unknown database or collection and 400 for a bad name", async () => {
    expect((await list("", "it_no_such_db_y")).body.error.code).toBe("DATABASE_NOT_FOUND");
    expect((await list("", "it_no_such_db_y")).status).toBe(404);
    const missing = await one("nope");
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "COLLECTION_NOT_FOUND" } } });
    expect((await docs("nope")).body.error.code).toBe("COLLECTION_NOT_FOUND");
    expect((await docs("walk", {}, "it_no_such_db_z")).body.error.code).toBe("DATABASE_NOT_FOUND");
    expect((await one("system.views")).status).toBe(400);
  });

  it("creates, renames and drops a collection (typed confirmation)", async () => {
    const created = await call(collectionsRoute.POST, "POST", `${base()}/collections`, { params: { db: dbName }, body: JSON.stringify({ name: "scratch" }) });
    expect(created).toMatchObject({ status: 201, body: { name: "scratch", estimatedCount: 0 } });
    const again = await call(collectionsRoute.POST, "POST", `${base()}/collections`, { params: { db: dbName }, body: JSON.stringify({ name: "scratch" }) });
    expect(again.status).toBe(409);
    expect((await call(collectionsRoute.POST, "POST", `${base()}/collections`, { params: { db: dbName }, body: "{" })).status).toBe(400);

    expect((await one("scratch", "PATCH", JSON.stringify({ to: "orders" }))).status).toBe(409);
    expect((await one("nope", "PATCH", JSON.stringify({ to: "x" }))).status).toBe(404);
    const renamed = await one("scratch", "PATCH", JSON.stringify({ to: "scratch2" }));
    expect(renamed).toMatchObject({ status: 200, body: { name: "scratch2" } });

    expect((await one("scratch2", "DELETE", JSON.stringify({ confirm: "scratch" }))).status).toBe(400);
    expect((await one("scratch2", "DELETE")).status).toBe(400);
    expect((await one("scratch2", "DELETE", JSON.stringify({ confirm: "scratch2" }))).body).toEqual({ collection: "scratch2", dropped: true });
    expect((await one("scratch2")).status).toBe(404);
  });
});

describe("documents", () => {
  it("answers a first page as canonical Extended JSON with sampled columns and an estimated total", async () => {
    const { status, body } = await docs("orders");
    expect(status).toBe(200);
    expect(body.documents).toHaveLength(3);
    const first = (body.documents as Document[])[0]!;
    expect(first._id).toHaveProperty("$oid");
    expect(first.createdAt).toEqual({ $date: { $numberLong: String(Date.parse("2026-01-02T00:00:00Z")) } });
    expect(first.total).toEqual({ $numberInt: "30" });
    expect(body.columns).toEqual(expect.arrayContaining(["_id", "orderId", "status", "total", "createdAt", "note", "items"]));
    expect(body.columns[0]).toBe("_id");
    expect(body.total).toEqual({ count: 3, estimated: true });
    expect(body.sort).toEqual({ _id: 1 });
    expect(body.next).toBeNull();
    expect(body.previous).toBeNull();
  });

  it("filters, sorts and projects with Extended JSON, counts exactly when asked", async () => {
    const { body } = await docs("orders", {
      filter: '{"status":"rejected","createdAt":{"$gt":{"$date":"2026-01-01T00:00:00Z"}}}',
      sort: '{"total":-1}',
      projection: '{"orderId":1}',
      exact: "true",
    });
    expect((body.documents as Document[]).map((d) => d.orderId)).toEqual(["o-2", "o-3"]);
    expect(Object.keys((body.documents as Document[])[0]!)).toEqual(["_id", "orderId"]); // the sort key was fetched for the cursor, then taken out
    expect(body.total).toEqual({ count: 2, estimated: false });
    expect(body.sort).toEqual({ total: -1, _id: 1 });
    expect(body.columns).toEqual(["_id", "orderId"]);
    const withFilter = await docs("orders", { filter: '{"status":"rejected"}' });
    expect(withFilter.body.total).toEqual({ count: null, estimated: true });
  });

  it("refuses malformed Extended JSON naming the position, and server-side JavaScript anywhere", async () => {
    const malformed = await docs("orders", { filter: '{"status": "rejected",}' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/filter is not valid JSON at position 22/);
    expect(malformed.body.error.details).toEqual({ position: 22 });
    const deep = await docs("orders", {
      filter: JSON.stringify({ $or: [{ status: "x" }, { $and: [{ total: 1 }, { $or: [{ a: 1 }, { $where: "sleep(1000)" }] }] }] }),
    });
    expect(deep.status).toBe(400);
    expect(deep.body.error.message).toMatch(/server-side JavaScript is not allowed \(\$or\[1\]\.\$and\[1\]\.\$or\[1\]\.\$where\)/);
    expect((await docs("orders", { projection: '{"x": {"$function": {}}}' })).status).toBe(400);
    expect((await docs("orders", { sort: '{"total": 2}' })).body.error.message).toMatch(/must be 1 or -1/);
    expect((await docs("orders", { sort: "[1]" })).status).toBe(400);
    expect((await docs("orders", { limit: "0" })).status).toBe(400);
    expect((await docs("orders", { limit: "201" })).status).toBe(400);
    expect((await docs("orders", { after: "x", before: "y" })).status).toBe(400);
  });

  it("refuses a cursor that is not one of ours or was made for another sort", async () => {
    for (const after of ["!!!", "bm90IGpzb24", Buffer.from('{"k":["_id"]}').toString("base64url")]) {
      const bad = await docs("walk", { after });
      expect(bad.status).toBe(400);
      // Refused by the query schema (not cursor-shaped) or by the decoder (not one of ours): either way it names the cursor.
      expect(bad.body.error.message).toMatch(/cursor/);
    }
    const page = await docs("walk", { limit: "10" });
    const otherSort = await docs("walk", { limit: "10", sort: '{"i":1}', after: page.body.next });
    expect(otherSort.status).toBe(400);
    expect(otherSort.body.error.message).toMatch(/another sort/);
  });

  it.each([
    ["a non-unique field, ascending", "walk", '{"group":1}', 1_000],
    ["a non-unique field, descending", "walk", '{"group":-1}', 1_000],
    ["two fields", "walk", '{"group":-1,"name":1}', 1_000],
    ["_id alone", "walk", "", 1_000],
    ["_id alone, _ids of every type", "mixed", "", 120],
    ["_id descending, _ids of every type", "mixed", '{"_id":-1}', 120],
  ])("walks the documents forward and back sorted by %s: every document exactly once, in order", async (_name, collection, sort, count) => {
    const pageSize = collection === "walk" ? 37 : 7;
    const limit = String(pageSize);
    const forward: string[] = [];
    let page = await docs(collection, { sort, limit });
    expect(page.body.previous).toBeNull();
    const pages: Document[] = [page.body];
    forward.push(...ids(page.body));
    while (page.body.next) {
      page = await docs(collection, { sort, limit, after: page.body.next });
      expect(page.status).toBe(200);
      expect(page.body.previous).not.toBeNull();
      pages.push(page.body);
      forward.push(...ids(page.body));
    }
    expect(pages).toHaveLength(Math.ceil(count / pageSize));
    expect(forward).toHaveLength(count);
    expect(new Set(forward).size).toBe(count);

    // The order is MongoDB's own for the same sort (the server sorts the whole collection).
    const asked = (sort ? JSON.parse(sort) : {}) as Record<string, 1 | -1>;
    const sortDoc = "_id" in asked ? asked : { ...asked, _id: 1 as const };
    const expected = await client
      .db(dbName)
      .collection(collection)
      .find({}, { sort: sortDoc, projection: { _id: 1 } })
      .toArray();
    expect(forward).toEqual(expected.map((d) => EJSON.stringify(EJSON.serialize(d._id, { relaxed: false }))));

    const backward: string[] = [];
    let back = page.body;
    backward.unshift(...ids(back));
    while (back.previous) {
      const prev = await docs(collection, { sort, limit, before: back.previous });
      expect(prev.status).toBe(200);
      expect(prev.body.next).not.toBeNull();
      back = prev.body;
      backward.unshift(...ids(back));
    }
    expect(backward).toEqual(forward);
  });

  it("jumps to an _id: the page starts there and knows what lies before it", async () => {
    const target = walkDocs[500]!._id as ObjectId;
    const { status, body } = await docs("walk", { startAt: target.toHexString(), limit: "20" });
    expect(status).toBe(200);
    expect((body.documents as Document[])[0]!._id).toEqual({ $oid: target.toHexString() });
    expect(body.previous).not.toBeNull();
    const before = await docs("walk", { before: body.previous, limit: "20" });
    expect(ids(before.body).at(-1)).toBe(EJSON.stringify({ $oid: (walkDocs[499]!._id as ObjectId).toHexString() }));
    const first = await docs("walk", { startAt: (walkDocs[0]!._id as ObjectId).toHexString(), limit: "5" });
    expect(first.body.previous).toBeNull();
    const sorted = await docs("walk", { startAt: target.toHexString(), sort: '{"group":1}', limit: "5" });
    expect((sorted.body.documents as Document[])[0]!._id).toEqual({ $oid: target.toHexString() });
    expect((await docs("walk", { startAt: new ObjectId().toHexString() })).status).toBe(404);
    expect((await docs("walk", { startAt: "ejson:{nope" })).status).toBe(400);
  });
});

describe("export and import", () => {
  const exportOf = (collection: string, query: Record<string, string>) =>
    call(exportRoute.GET, "GET", `${base()}/collections/${collection}/export?${new URLSearchParams(query)}`, { params: { db: dbName, collection } });
  const importInto = (collection: string, body: string, headers?: Record<string, string>) =>
    call(importRoute.POST, "POST", `${base()}/collections/${collection}/import`, {
      params: { db: dbName, collection },
      body,
      headers: { "content-type": "application/x-ndjson", ...headers },
    });

  it("exports JSON lines that import back into an equal collection", async () => {
    const exported = await exportOf("walk", { format: "jsonl" });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/ndjson/);
    expect(exported.headers.get("x-estimated-total")).toBe("1000");
    const lines = exported.text.trim().split("\n");
    expect(lines).toHaveLength(1_000);
    await client.db(dbName).createCollection("walk_copy");
    const report = await importInto("walk_copy", exported.text);
    expect(report.body).toEqual({ inserted: 1_000, failed: [] });
    const original = await client
      .db(dbName)
      .collection("walk")
      .find({}, { sort: { _id: 1 } })
      .toArray();
    const copy = await client
      .db(dbName)
      .collection("walk_copy")
      .find({}, { sort: { _id: 1 } })
      .toArray();
    expect(EJSON.stringify(copy, { relaxed: false })).toBe(EJSON.stringify(original, { relaxed: false }));
  });

  it("exports a filter's results as CSV with sampled columns, values as relaxed Extended JSON", async () => {
    const { status, text } = await exportOf("orders", { format: "csv", filter: '{"status":{"$in":["approved","rejected"]}}', sort: '{"orderId":1}' });
    expect(status).toBe(200);
    const [header, first, second] = text.split("\n");
    expect(header!.split(",")).toEqual(["_id", "orderId", "status", "total", "createdAt", "note", "items"]);
    expect(first).toContain(',o-1,approved,30,"{""$date"":""2026-01-02T00:00:00Z""}","has ""quotes"", commas",');
    expect(second).toContain(',"[{""sku"":""a"",""qty"":2}]"');
    expect((await exportOf("orders", { format: "xml" })).status).toBe(400);
    expect((await exportOf("orders", { filter: '{"$where":"1"}' })).status).toBe(400);
    expect((await exportOf("nope", {})).status).toBe(404);
  });

  it("reports bad lines and refused documents by line number, inserts the rest", async () => {
    const existing = (await client.db(dbName).collection("orders").findOne({ orderId: "o-1" }))!._id as ObjectId;
    const body = [
      '{"orderId":"o-10","total":{"$numberLong":"12"}}',
      "",
      '{"orderId": oops}',
      `{"_id":{"$oid":"${existing.toHexString()}"},"orderId":"dup"}`,
      '{"$where":"1"}',
      '{"orderId":"o-11","createdAt":{"$date":"2026-03-01T00:00:00Z"}}',
    ].join("\n");
    const { status, body: report } = await importInto("orders", body);
    expect(status).toBe(200);
    expect(report, JSON.stringify(report)).toMatchObject({ inserted: 2 });
    expect((report.failed as Document[]).map((f) => f.line)).toEqual([3, 4, 5]);
    expect(report.failed[0].reason).toMatch(/line 3 is not valid JSON at position/);
    expect(report.failed[1].reason).toMatch(/duplicate/i);
    expect(
      await client
        .db(dbName)
        .collection("orders")
        .countDocuments({ orderId: { $in: ["o-10", "o-11"] } }),
    ).toBe(2);
  });

  it("names the line of a document the server cannot store and still inserts the others", async () => {
    // FerretDB has no Decimal128 (it drops the connection on one); MongoDB stores it.
    const { body: report } = await importInto("orders", '{"orderId":"o-20","total":{"$numberDecimal":"12.50"}}\n{"orderId":"o-21"}\n');
    expect(report.inserted + report.failed.length).toBe(2);
    expect(report.failed.every((f: Document) => f.line === 1)).toBe(true);
    expect(await client.db(dbName).collection("orders").countDocuments({ orderId: "o-21" })).toBe(1);
  });

  it("refuses a body over 10 MiB, a cross-site import and an unknown collection", async () => {
    const big = `${'{"x":"'.padEnd(1024, "a")}"}\n`.repeat(10 * 1024 + 10);
    const tooLarge = await importInto("orders", big);
    expect(tooLarge).toMatchObject({ status: 413, body: { error: { code: "TOO_LARGE" } } });
    expect((await importInto("orders", '{"a":1}', { origin: "http://evil.example" })).status).toBe(403);
    expect((await importInto("nope", '{"a":1}')).status).toBe(404);
  });
});
