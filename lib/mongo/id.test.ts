import { Int32, Long, ObjectId } from "bson";
import { describe, expect, it } from "vitest";
import { decodeDocumentId, encodeDocumentId } from "./id";

describe("document ids in URLs", () => {
  it("round-trips every kind of _id", () => {
    for (const id of [
      new ObjectId(),
      "0f8c3c9e-1d2b-4c55-9a77-1f2e3d4c5b6a",
      "64b7f0c2a1b2c3d4e5f60718",
      "ejson:x",
      new Int32(42),
      Long.fromString("9007199254740993"),
      { region: "eu", n: new Int32(1) },
    ]) {
      expect(decodeDocumentId(decodeURIComponent(encodeURIComponent(encodeDocumentId(id))))).toEqual(id);
    }
  });

  it("keeps ObjectIds and plain strings readable", () => {
    const oid = new ObjectId("64b7f0c2a1b2c3d4e5f60718");
    expect(encodeDocumentId(oid)).toBe("64b7f0c2a1b2c3d4e5f60718");
    expect(encodeDocumentId("order-1")).toBe("order-1");
    expect(encodeDocumentId("64b7f0c2a1b2c3d4e5f60718")).toMatch(/^ejson:/);
  });
});
