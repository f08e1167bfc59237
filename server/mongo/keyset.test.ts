import { ObjectId } from "bson";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, idRangeSegments, keysetFilter, normalizeSort, valueAtPath } from "./keyset";

describe("keyset pagination", () => {
  it("appends _id to a sort and drops keys after it", () => {
    expect(normalizeSort({})).toEqual([["_id", 1]]);
    expect(normalizeSort({ status: -1 })).toEqual([
      ["status", -1],
      ["_id", 1],
    ]);
    expect(normalizeSort({ _id: -1, status: 1 })).toEqual([["_id", -1]]);
    expect(() => normalizeSort({ a: 2 })).toThrow(/1 or -1/);
    expect(() => normalizeSort({ $natural: 1 })).toThrow(/not a field name/);
  });

  it("round-trips a row's key values through an opaque cursor, keeping BSON types", () => {
    const spec = normalizeSort({ "customer.name": 1, createdAt: -1 });
    const id = new ObjectId();
    const doc = { _id: id, customer: { name: "ada" }, createdAt: new Date("2026-01-01T00:00:00Z") };
    const cursor = encodeCursor(spec, doc);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const values = decodeCursor(cursor, spec);
    expect(values[0]).toBe("ada");
    expect(values[1]).toEqual(doc.createdAt);
    expect((values[2] as ObjectId).equals(id)).toBe(true);
    expect(() => decodeCursor(cursor, normalizeSort({}))).toThrow(/another sort/);
    expect(() => decodeCursor("%%%", spec)).toThrow(/not base64url/);
    expect(() => decodeCursor(Buffer.from('{"k":["_id"],"v":[{"$where":"1"}]}').toString("base64url"), normalizeSort({}))).toThrow(/server-side/);
  });

  it("reads missing and nested fields as MongoDB sorts them", () => {
    expect(valueAtPath({ a: { b: 2 } }, "a.b")).toBe(2);
    expect(valueAtPath({ a: 1 }, "a.b")).toBeNull();
    expect(valueAtPath({}, "x")).toBeNull();
  });

  it("builds (k1 beyond v1) or (k1 = v1 and _id beyond id), reaching into later types", () => {
    const spec = normalizeSort({ total: -1 });
    const id = new ObjectId();
    expect(keysetFilter(spec, [5, id], "after")).toEqual({
      $or: [
        { $or: [{ total: { $lt: 5 } }, { total: { $eq: null } }] },
        { $and: [{ total: { $eq: 5 } }, { $or: [{ _id: { $gt: id } }, { _id: { $type: ["bool", "date", "timestamp", "regex"] } }] }] },
      ],
    });
    // null sorts lowest: after null comes any value, before it nothing
    expect(keysetFilter(normalizeSort({ g: 1 }), [null, id], "after").$or[0]).toEqual({ g: { $ne: null } });
    expect(Object.keys(keysetFilter(normalizeSort({ g: 1 }), [null, id], "before"))).toEqual(["$and"]); // only "g = null and _id before"
    expect(keysetFilter(normalizeSort({}), [id], "after", true).$or.at(-1)).toEqual({ $and: [{ _id: { $eq: id } }] });
  });

  it("splits a sort on _id alone into consecutive ranges of the _id index, in reading order", () => {
    const id = new ObjectId();
    const everyObjectId = { _id: { $gte: new ObjectId("000000000000000000000000") } };
    const below = { _id: { $type: ["null", "number", "string", "object", "array", "binData"] } };
    const above = { _id: { $type: ["bool", "date", "timestamp", "regex"] } };
    const byId = normalizeSort({});
    const byIdDown = normalizeSort({ _id: -1 });
    // From the start: lower types, every ObjectId as one range, higher types.
    expect(idRangeSegments(byId, { direction: "after" })).toEqual([below, everyObjectId, above]);
    expect(idRangeSegments(byIdDown, { direction: "after" })).toEqual([
      { _id: { $type: ["regex", "timestamp", "date", "bool"] } },
      everyObjectId,
      { _id: { $type: ["binData", "array", "object", "string", "number", "null"] } },
    ]);
    // After an ObjectId: the rest of the ObjectIds, then the types above.
    expect(idRangeSegments(byId, { direction: "after", values: [id] })).toEqual([{ _id: { $gt: id } }, above]);
    expect(idRangeSegments(byId, { direction: "after", values: [id], inclusive: true })?.[0]).toEqual({ _id: { $gte: id } });
    // Backwards (previous page, or a descending sort read forwards) from a string: lower strings, then lower types.
    expect(idRangeSegments(byId, { direction: "before", values: ["m"] })).toEqual([{ _id: { $lt: "m" } }, { _id: { $type: ["number", "null"] } }]);
    expect(idRangeSegments(byIdDown, { direction: "after", values: ["m"] })).toEqual([{ _id: { $lt: "m" } }, { _id: { $type: ["number", "null"] } }]);
    // After a string, the ObjectIds among the higher types are still a range of their own.
    expect(idRangeSegments(byId, { direction: "after", values: ["m"] })).toEqual([
      { _id: { $gt: "m" } },
      { _id: { $type: ["object", "array", "binData"] } },
      everyObjectId,
      above,
    ]);
    // Any other sort is one query.
    expect(idRangeSegments(normalizeSort({ total: 1 }), { direction: "after", values: [1, id] })).toBeUndefined();
  });
});
