import { Binary, Decimal128, Double, Int32, Long, MaxKey, ObjectId, serialize } from "bson";
import { describe, expect, it } from "vitest";
import { documentIdFromSegment, documentVersion, sameBsonValue, unchangedSinceFilter, valuesFerretDbCannotStore } from "./document";

describe("document versions and conditions", () => {
  it("versions a document by the SHA-256 of its bytes: the same value in another type is another version", () => {
    const a = documentVersion(serialize({ _id: 1, total: new Double(2) }));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(documentVersion(serialize({ _id: 1, total: new Double(2) }))).toBe(a);
    expect(documentVersion(serialize({ _id: 1, total: new Int32(2) }))).not.toBe(a);
  });

  it("compares _id values by type and value", () => {
    const id = new ObjectId();
    expect(sameBsonValue(id, new ObjectId(id.toHexString()))).toBe(true);
    expect(sameBsonValue(id, id.toHexString())).toBe(false);
    expect(sameBsonValue(new Int32(1), Long.fromNumber(1))).toBe(false);
  });

  it("conditions a write on every top-level field, leaving out dotted and $ names, and only _id for huge documents", () => {
    const current = { _id: 7, status: "rejected", "a.b": 1, $weird: 2, items: [{ sku: "x" }] };
    expect(unchangedSinceFilter(current, 100)).toEqual({ _id: 7, status: { $eq: "rejected" }, items: { $eq: [{ sku: "x" }] } });
    expect(unchangedSinceFilter(current, 10 * 1024 * 1024)).toEqual({ _id: 7 });
  });

  it("names the values FerretDB cannot store, with their paths", () => {
    const doc = { price: Decimal128.fromString("1.5"), items: [{ x: new Double(NaN) }, new MaxKey()], ok: new Binary(Buffer.from("a")) };
    expect(valuesFerretDbCannotStore(doc)).toEqual(["Decimal128 at price", "NaN at items.0.x", "MaxKey at items.1"]);
    expect(valuesFerretDbCannotStore({ a: 1, b: [new Double(1.5)] })).toEqual([]);
  });

  it("decodes id segments, and answers 400 for a malformed one", () => {
    expect(documentIdFromSegment('ejson:"insert"')).toBe("insert");
    expect(documentIdFromSegment("order-1")).toBe("order-1");
    expect(() => documentIdFromSegment("ejson:{oops")).toThrow(expect.objectContaining({ status: 400 }));
  });
});
