import { Binary, Long, ObjectId, type Document } from "bson";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stackAddresses, uniqueName } from "./support/stack";

/**
 * The stack's FerretDB answers some `_id` queries from its index (stack/ferretdb/
 * sqlite-pushdown.patch). Each such query must return exactly what the same query returns
 * when nothing can be pushed down: wrapped in `$or` with a branch that never matches, the
 * server reads, filters and sorts every document itself. Against a real MongoDB both are
 * the same too.
 */
const dbName = uniqueName("it_pushdown").replace("-", "_");
const client = new MongoClient(stackAddresses.mongoUri, { serverSelectionTimeoutMS: 5000 });
const coll = () => client.db(dbName).collection("c");

const objectIds = Array.from({ length: 3_000 }, () => new ObjectId());
// Look-alike strings sort after (and before) every ObjectId's hex as JSON text.
const others: unknown[] = [
  "f".repeat(24),
  "0".repeat(24),
  "zzzz",
  "",
  42,
  2.5,
  Long.fromNumber(7),
  new Date("2026-01-01T00:00:00Z"),
  true,
  { a: 1 },
  new Binary(Buffer.from([1])),
];
const sorted = [...objectIds].sort((a, b) => a.toHexString().localeCompare(b.toHexString()));

const ids = (docs: Document[]) => docs.map((d) => JSON.stringify(d._id));
const unpushed = (filter: Document): Document => ({ $or: [filter, { never: { $exists: true } }] });

async function same(filter: Document, sort: Document, limit = 0): Promise<Document[]> {
  const pushed = await coll().find(filter, { sort, limit }).toArray();
  const plain = await coll().find(unpushed(filter), { sort, limit }).toArray();
  expect(ids(pushed)).toEqual(ids(plain));
  return pushed;
}

beforeAll(async () => {
  await client.connect();
  // Inserted shuffled, with the other types in the middle: insertion order is not _id order.
  const docs = objectIds.map((_id, n) => ({ _id, n, v: 1 })).sort(() => Math.random() - 0.5);
  await coll().insertMany([...docs.slice(0, 1_500), ...others.map((_id, n) => ({ _id, n: -n - 1 })), ...docs.slice(1_500)] as never);
});

afterAll(async () => {
  await client
    .db(dbName)
    .dropDatabase()
    .catch(() => undefined);
  await client.close();
});

describe("the stack's MongoDB wire server answers _id queries from its index exactly", () => {
  it.each([0, 1, 1_234, 2_950, 2_998, 2_999])("ranges of ObjectIds around position %i, up and down, with and without limits", async (k) => {
    const at = sorted[k]!;
    expect(ids(await same({ _id: { $gt: at } }, { _id: 1 }, 51))).toEqual(ids(sorted.slice(k + 1, k + 52).map((_id) => ({ _id }))));
    await same({ _id: { $gte: at } }, { _id: 1 }, 51);
    expect(ids(await same({ _id: { $lt: at } }, { _id: -1 }, 51))).toEqual(
      ids(
        sorted
          .slice(Math.max(0, k - 51), k)
          .reverse()
          .map((_id) => ({ _id })),
      ),
    );
    await same({ _id: { $lte: at } }, { _id: -1 }, 51);
    await same({ _id: { $gt: at } }, { _id: -1 }, 5);
    await same({ _id: { $gt: at } }, { _id: 1 });
  });

  it("ranges bounded on both sides, and ranges with other conditions or sorts", async () => {
    expect(await same({ _id: { $gt: sorted[100], $lt: sorted[200] } }, { _id: 1 })).toHaveLength(99);
    await same({ _id: { $gte: sorted[100], $lte: sorted[200] } }, { _id: -1 }, 10);
    await same({ _id: { $gt: sorted[100] }, n: { $lt: 1_000 } }, { _id: 1 }, 20);
    await same({ _id: { $gt: sorted[100] } }, { n: 1 }, 20);
    await same({ _id: { $gt: "a" } }, { _id: 1 });
    await same({ _id: { $gte: new ObjectId("000000000000000000000000") } }, { _id: 1 }, 3);
  });

  it("type filters on _id, one alias or several", async () => {
    for (const type of [
      "number",
      "string",
      "object",
      "objectId",
      "bool",
      "date",
      "binData",
      "int",
      "double",
      "long",
      ["number", "string"],
      ["bool", "date", "timestamp", "regex"],
    ]) {
      await same({ _id: { $type: type } }, { _id: 1 });
    }
    expect(await same({ _id: { $type: ["null", "number", "string", "object", "array", "binData"] } }, { _id: 1 })).toHaveLength(9);
  });

  it("updates by _id and another field match the one document once", async () => {
    const id = sorted[7]!;
    expect((await coll().updateOne({ _id: id, v: 1 }, { $set: { v: 2 } })).modifiedCount).toBe(1);
    expect((await coll().updateOne({ _id: id, v: 1 }, { $set: { v: 3 } })).modifiedCount).toBe(0);
    expect((await coll().findOne({ _id: id }))?.v).toBe(2);
    expect(await coll().findOne({ _id: "f".repeat(24) } as Document)).toMatchObject({ n: -1 });
  });
});
