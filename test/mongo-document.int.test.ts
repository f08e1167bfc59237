// Longer than 300 lines on purpose: read, save, insert and delete share one collection seeded once
// with a document of every BSON type and the byte-level checks of what was stored.
import { createHash } from "node:crypto";
import { Binary, BSONRegExp, Decimal128, Double, EJSON, Int32, Long, ObjectId, serialize, Timestamp, UUID, type Document } from "bson";
import { MongoClient, type Collection } from "mongodb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stackAddresses, uniqueName } from "./support/stack";
import { callRouteJson as callRoute, type RouteCallOptions, type RouteHandler as Handler } from "./support/route-call";

vi.stubEnv("MONGODB_URI", stackAddresses.mongoUri);
const documentRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/documents/[id]/route");
const insertRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/documents/insert/route");
const { encodeDocumentId } = await import("@/lib/mongo/id");

const dbName = uniqueName("it_doc").replace("-", "_");
const collName = "orders";
const client = new MongoClient(stackAddresses.mongoUri, { serverSelectionTimeoutMS: 5000 });
let orders: Collection;
let isFerretDb = false;

// Next.js hands route handlers their params already URL-decoded: pass them the same way.
const call = (handler: Handler, method: string, params: Record<string, string>, options: RouteCallOptions & { query?: string } = {}) =>
  callRoute(handler, method, `/api/mongo/databases/${params.db}/collections/${params.collection}/documents/${params.id ?? "insert"}${options.query ?? ""}`, {
    ...options,
    params,
  });

const ns = (db = dbName, collection = collName) => ({ db, collection });
const getDoc = (id: unknown, where = ns()) => call(documentRoute.GET, "GET", { ...where, id: encodeDocumentId(id) });
const putDoc = (id: unknown, body: unknown, headers?: Record<string, string>) =>
  call(documentRoute.PUT, "PUT", { ...ns(), id: encodeDocumentId(id) }, { body, headers });
const deleteDoc = (id: unknown, body?: unknown, query?: string, headers?: Record<string, string>) =>
  call(documentRoute.DELETE, "DELETE", { ...ns(), id: encodeDocumentId(id) }, { body, query, headers });
const insertDoc = (document: string, where = ns(), headers?: Record<string, string>) => call(insertRoute.POST, "POST", where, { body: { document }, headers });

/** The document's BSON exactly as the server stores and returns it. */
async function storedBytes(id: unknown): Promise<Buffer | null> {
  return (await orders.findOne({ _id: id } as Document, { raw: true })) as unknown as Buffer | null;
}

/** Every BSON type FerretDB stores (Decimal128 only where the server takes it), in a deliberate field order. */
function everyType(): Document {
  const document: Document = {
    _id: new ObjectId(),
    status: "rejected",
    createdAt: new Date("2026-01-02T03:04:05.678Z"),
    quantity: new Int32(3),
    bigCounter: Long.fromString("9007199254740993"),
    smallLong: Long.fromNumber(5),
    price: new Double(19.5),
    wholeDouble: new Double(2),
    payload: new Binary(Buffer.from([0, 1, 2, 254, 255]), 0),
    requestId: new UUID("6f1c3a52-8a47-4e0c-9a36-2b1f0e4f7d10").toBinary(),
    customer: { name: "Ada Lovelace — ✓", address: { city: "London", lines: ["12 St James's Square", { floor: new Int32(2) }] } },
    items: [
      { sku: "A-1", qty: new Int32(1), price: new Double(10) },
      { sku: "B-2", qty: new Int32(2), price: new Double(4.75) },
    ],
    tags: ["gift", "express"],
    note: null,
    paid: true,
    shipped: false,
    pattern: new BSONRegExp("^ord-\\d+$", "i"),
    clusterTime: new Timestamp({ t: 1_767_225_600, i: 7 }),
    empty: {},
    none: [],
  };
  if (!isFerretDb) document.discount = Decimal128.fromString("0.10");
  return document;
}

beforeAll(async () => {
  await client.connect();
  const info = await client.db("admin").command({ buildInfo: 1 });
  isFerretDb = typeof info.ferretdbVersion === "string";
  orders = client.db(dbName).collection(collName);
  await client.db(dbName).createCollection(collName);
});

afterAll(async () => {
  await client
    .db(dbName)
    .dropDatabase()
    .catch(() => undefined);
  await client.close();
});

describe("one document: read", () => {
  it("answers canonical Extended JSON and a version that is the SHA-256 of the stored BSON", async () => {
    const doc = { _id: new ObjectId(), status: "rejected", total: new Double(70), qty: new Int32(2), at: new Date("2026-01-03T00:00:00Z") };
    await orders.insertOne(doc);
    const { status, body } = await getDoc(doc._id);
    expect(status).toBe(200);
    expect(body.id).toBe(doc._id.toHexString());
    expect(body.document).toEqual({
      _id: { $oid: doc._id.toHexString() },
      status: "rejected",
      total: { $numberDouble: "70.0" },
      qty: { $numberInt: "2" },
      at: { $date: { $numberLong: String(Date.parse("2026-01-03T00:00:00Z")) } },
    });
    const raw = await storedBytes(doc._id);
    expect(body.version).toBe(createHash("sha256").update(raw!).digest("hex"));
    expect(body.bytes).toBe(raw!.length);
  });

  it("reads documents whose _id is a string, a number or the word 'insert'", async () => {
    await orders.insertMany([{ _id: "order/7 50%" }, { _id: new Int32(42) }, { _id: "insert" }] as Document[]);
    expect((await getDoc("order/7 50%")).body.document).toEqual({ _id: "order/7 50%" });
    expect((await getDoc(new Int32(42))).body.id).toBe('ejson:{"$numberInt":"42"}');
    const insertWord = await call(documentRoute.GET, "GET", { ...ns(), id: 'ejson:"insert"' });
    expect(insertWord).toMatchObject({ status: 200, body: { document: { _id: "insert" } } });
  });

  it("answers 404 naming what is missing: database, collection or document", async () => {
    expect(await getDoc(new ObjectId(), ns(uniqueName("nodb").replace("-", "_")))).toMatchObject({
      status: 404,
      body: { error: { code: "DATABASE_NOT_FOUND" } },
    });
    expect(await getDoc(new ObjectId(), ns(dbName, "no-such-collection"))).toMatchObject({ status: 404, body: { error: { code: "COLLECTION_NOT_FOUND" } } });
    expect(await getDoc(new ObjectId())).toMatchObject({ status: 404, body: { error: { code: "DOCUMENT_NOT_FOUND" } } });
  });

  it("answers 400 for a malformed id segment or namespace", async () => {
    expect((await call(documentRoute.GET, "GET", { ...ns(), id: "ejson:{nope" })).status).toBe(400);
    expect((await call(documentRoute.GET, "GET", { db: "bad.name", collection: collName, id: "x" })).status).toBe(400);
    expect((await call(documentRoute.GET, "GET", { db: dbName, collection: "system.users", id: "x" })).status).toBe(400);
  });
});

describe("one document: save", () => {
  it("saves a document with every stored BSON type unchanged, byte for byte", async () => {
    const doc = everyType();
    await orders.insertOne(doc);
    const before = await storedBytes(doc._id);
    const loaded = await getDoc(doc._id);
    expect(loaded.status).toBe(200);
    // The editor's text stands for exactly the stored bytes (a server that skips a replace equal by value would hide a lossy GET).
    expect(Buffer.from(serialize(EJSON.deserialize(loaded.body.document, { relaxed: false }))).toString("hex")).toBe(before!.toString("hex"));
    // What the editor sends back when nothing was changed: the canonical text it was given.
    const saved = await putDoc(doc._id, { document: JSON.stringify(loaded.body.document, null, 2), version: loaded.body.version });
    expect(saved.status).toBe(200);
    const after = await storedBytes(doc._id);
    expect(after!.toString("hex")).toBe(before!.toString("hex"));
    expect(saved.body.version).toBe(loaded.body.version);
    expect(EJSON.serialize(EJSON.deserialize(saved.body.document, { relaxed: false }), { relaxed: false })).toEqual(loaded.body.document);
  });

  it("writes every type exactly as sent, numeric type changes included", async () => {
    const doc: Document = { ...everyType(), marker: new Int32(1) };
    await orders.insertOne(doc);
    const loaded = await getDoc(doc._id);
    const sent = JSON.stringify({ ...loaded.body.document, marker: { $numberInt: "2" } });
    expect((await putDoc(doc._id, { document: sent, version: loaded.body.version })).status).toBe(200);
    const expected = Buffer.from(serialize(EJSON.parse(sent, { relaxed: false }) as Document));
    expect((await storedBytes(doc._id))!.toString("hex")).toBe(expected.toString("hex"));

    // Equal by value, different BSON types: 19.5 stays, 2.0 becomes an int32, a long becomes an int32.
    const again = await getDoc(doc._id);
    const retyped = JSON.stringify({ ...again.body.document, wholeDouble: { $numberInt: "2" }, smallLong: { $numberInt: "5" } });
    const saved = await putDoc(doc._id, { document: retyped, version: again.body.version });
    expect(saved.status).toBe(200);
    expect(saved.body.document.wholeDouble).toEqual({ $numberInt: "2" });
    expect((await storedBytes(doc._id))!.toString("hex")).toBe(Buffer.from(serialize(EJSON.parse(retyped, { relaxed: false }) as Document)).toString("hex"));
  });

  it("saves an edit: the field changes, the types of the others stay, the version moves on", async () => {
    const doc = everyType();
    await orders.insertOne(doc);
    const loaded = await getDoc(doc._id);
    const edited = { ...loaded.body.document, status: "approved", quantity: { $numberInt: "4" } };
    const saved = await putDoc(doc._id, { document: JSON.stringify(edited), version: loaded.body.version });
    expect(saved.status).toBe(200);
    expect(saved.body.version).not.toBe(loaded.body.version);
    const stored = await orders.findOne({ _id: doc._id }, { promoteValues: false });
    expect(stored?.status).toBe("approved");
    expect(stored?.quantity).toEqual(new Int32(4));
    expect(stored?.bigCounter).toEqual(Long.fromString("9007199254740993"));
    expect(stored?.wholeDouble).toEqual(new Double(2));
  });

  it("refuses with 409 when the document changed behind the editor's back, also when only a number's type changed", async () => {
    const doc = { _id: new ObjectId(), status: "rejected", total: new Int32(70) };
    await orders.insertOne(doc);
    const loaded = await getDoc(doc._id);
    await orders.updateOne({ _id: doc._id }, { $set: { status: "shipped" } });
    const stale = await putDoc(doc._id, { document: JSON.stringify({ ...loaded.body.document, status: "approved" }), version: loaded.body.version });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: "STALE_DOCUMENT" } } });
    expect((await orders.findOne({ _id: doc._id }))?.status).toBe("shipped");

    const reloaded = await getDoc(doc._id);
    // 70 → 70.0 is equal by value; only the version (the stored bytes) shows the change.
    await orders.updateOne({ _id: doc._id }, { $set: { total: new Double(70) } });
    const typeChanged = await putDoc(doc._id, { document: JSON.stringify(reloaded.body.document), version: reloaded.body.version });
    expect(typeChanged.status).toBe(409);
  });

  it("refuses to change or drop _id (400), and answers 404 when the document is gone", async () => {
    const doc = { _id: new ObjectId(), status: "rejected" };
    await orders.insertOne(doc);
    const loaded = await getDoc(doc._id);
    const changed = await putDoc(doc._id, {
      document: JSON.stringify({ ...loaded.body.document, _id: { $oid: new ObjectId().toHexString() } }),
      version: loaded.body.version,
    });
    expect(changed.status).toBe(400);
    expect(changed.body.error.message).toMatch(/_id cannot change/);
    // Same value, different type: still another _id.
    const retyped = await putDoc(doc._id, { document: JSON.stringify({ ...loaded.body.document, _id: doc._id.toHexString() }), version: loaded.body.version });
    expect(retyped.status).toBe(400);
    const dropped = await putDoc(doc._id, { document: JSON.stringify({ status: "x" }), version: loaded.body.version });
    expect(dropped.status).toBe(400);

    await orders.deleteOne({ _id: doc._id });
    const gone = await putDoc(doc._id, { document: JSON.stringify(loaded.body.document), version: loaded.body.version });
    expect(gone).toMatchObject({ status: 404, body: { error: { code: "DOCUMENT_NOT_FOUND" } } });
  });

  it("answers 400 naming the position of an EJSON syntax error, and for server-side JavaScript or a bad body", async () => {
    const doc = { _id: new ObjectId(), status: "rejected" };
    await orders.insertOne(doc);
    const loaded = await getDoc(doc._id);
    const text = `{"_id": {"$oid": "${doc._id.toHexString()}"}, "status": "x",}`;
    const malformed = await putDoc(doc._id, { document: text, version: loaded.body.version });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/position \d+/);
    expect(malformed.body.error.details.position).toBe(text.lastIndexOf("}"));

    const js = await putDoc(doc._id, {
      document: JSON.stringify({ ...loaded.body.document, check: { $or: [{ a: 1 }, { nested: { $where: "sleep(1000)" } }] } }),
      version: loaded.body.version,
    });
    expect(js.status).toBe(400);
    expect(js.body.error.message).toMatch(/\$where/);

    expect((await putDoc(doc._id, { document: "[1, 2]", version: loaded.body.version })).status).toBe(400);
    expect((await putDoc(doc._id, { document: JSON.stringify(loaded.body.document), version: "v1" })).status).toBe(400);
    expect((await putDoc(doc._id, "{not json")).status).toBe(400);
  });

  it("answers 413 for a document past 16 MiB of BSON", async () => {
    const doc = { _id: new ObjectId() };
    await orders.insertOne(doc);
    const loaded = await getDoc(doc._id);
    const big = await putDoc(doc._id, {
      document: JSON.stringify({ ...loaded.body.document, blob: "x".repeat(16 * 1024 * 1024) }),
      version: loaded.body.version,
    });
    expect(big).toMatchObject({ status: 413, body: { error: { code: "TOO_LARGE" } } });
  });

  it("refuses cross-site requests with 403 and changes nothing", async () => {
    const doc = { _id: new ObjectId(), status: "rejected" };
    await orders.insertOne(doc);
    const loaded = await getDoc(doc._id);
    const evil = { origin: "https://evil.example" };
    const put = await putDoc(doc._id, { document: JSON.stringify({ ...loaded.body.document, status: "approved" }), version: loaded.body.version }, evil);
    expect(put).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await deleteDoc(doc._id, { confirm: true }, undefined, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await insertDoc(`{"status": "x"}`, ns(), evil)).status).toBe(403);
    expect(await orders.findOne({ _id: doc._id })).toEqual(doc);
  });
});

describe("one document: insert, duplicate, delete", () => {
  it("inserts without an _id (an ObjectId is assigned) and with one; a taken _id is a 409", async () => {
    const created = await insertDoc(`{"status": "rejected", "total": {"$numberLong": "120"}}`);
    expect(created.status).toBe(201);
    expect(created.body.document._id).toHaveProperty("$oid");
    expect(created.body.document.total).toEqual({ $numberLong: "120" });
    expect(await orders.findOne({ _id: new ObjectId(created.body.id as string) })).not.toBeNull();

    const withId = await insertDoc(`{"_id": "order-copy-1", "status": "approved"}`);
    expect(withId).toMatchObject({ status: 201, body: { id: "order-copy-1" } });
    const again = await insertDoc(`{"_id": "order-copy-1", "status": "approved"}`);
    expect(again).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
  });

  it("duplicates a loaded document: its EJSON without _id inserts as a new document with every type kept", async () => {
    const doc = everyType();
    await orders.insertOne(doc);
    const loaded = await getDoc(doc._id);
    const { _id: _dropped, ...copy } = loaded.body.document as Record<string, unknown>;
    const duplicated = await insertDoc(JSON.stringify(copy));
    expect(duplicated.status).toBe(201);
    const { _id: _newId, ...copied } = duplicated.body.document as Record<string, unknown>;
    expect(copied).toEqual(copy);
  });

  it("answers 404 for an unknown collection and 400 for bad EJSON on insert", async () => {
    expect(await insertDoc(`{"a": 1}`, ns(dbName, "not-there"))).toMatchObject({ status: 404, body: { error: { code: "COLLECTION_NOT_FOUND" } } });
    const bad = await insertDoc(`{"a": }`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/position 6/);
    expect((await insertDoc(`{"$where": "1"}`)).status).toBe(400);
    expect((await call(insertRoute.POST, "POST", ns(), { body: { text: "{}" } })).status).toBe(400);
  });

  it("says plainly what the server cannot store (FerretDB: Decimal128, nested arrays)", async () => {
    const decimal = await insertDoc(`{"price": {"$numberDecimal": "19.99"}}`);
    const nested = await insertDoc(`{"matrix": [[1, 2], [3, 4]]}`);
    if (!isFerretDb) {
      expect(decimal.status).toBe(201);
      expect(nested.status).toBe(201);
      return;
    }
    expect(decimal).toMatchObject({ status: 422, body: { error: { code: "MONGO_REFUSED" } } });
    expect(decimal.body.error.message).toMatch(/Decimal128 at price/);
    expect(nested).toMatchObject({ status: 422, body: { error: { code: "MONGO_REFUSED" } } });
    expect(nested.body.error.message).toMatch(/nested arrays are not supported/);
    // The server is fine afterwards.
    expect((await insertDoc(`{"after": true}`)).status).toBe(201);
  });

  it("deletes with the loaded version (409 when stale) or with confirm; 404 once gone; 400 with neither", async () => {
    const doc = { _id: new ObjectId(), status: "rejected" };
    await orders.insertOne(doc);
    const loaded = await getDoc(doc._id);
    expect((await deleteDoc(doc._id)).status).toBe(400);
    await orders.updateOne({ _id: doc._id }, { $set: { status: "approved" } });
    expect(await deleteDoc(doc._id, { version: loaded.body.version })).toMatchObject({ status: 409, body: { error: { code: "STALE_DOCUMENT" } } });
    expect(await orders.findOne({ _id: doc._id })).not.toBeNull();

    const reloaded = await getDoc(doc._id);
    expect(await deleteDoc(doc._id, undefined, `?version=${reloaded.body.version}`)).toMatchObject({
      status: 200,
      body: { deleted: true, id: doc._id.toHexString() },
    });
    expect(await orders.findOne({ _id: doc._id })).toBeNull();
    expect(await deleteDoc(doc._id, { confirm: true })).toMatchObject({ status: 404, body: { error: { code: "DOCUMENT_NOT_FOUND" } } });

    const other = { _id: "to-delete", status: "x" };
    await orders.insertOne(other as Document);
    expect((await deleteDoc("to-delete", { confirm: true })).status).toBe(200);
    expect(await orders.findOne({ _id: "to-delete" } as Document)).toBeNull();
  });
});
