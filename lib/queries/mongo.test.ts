import { describe, expect, it } from "vitest";
import { isOneDocumentKey, mongoKeys } from "./mongo";

describe("mongoKeys", () => {
  it("nests everything of a collection under the collection's key", () => {
    const collection = mongoKeys.collection("shop", "orders");
    for (const key of [
      mongoKeys.document("shop", "orders", "x"),
      mongoKeys.indexes("shop", "orders"),
      mongoKeys.aggregate("shop", "orders", { pipeline: "[]", limit: 10 }),
      mongoKeys.documents("shop", "orders", { filter: "", sort: "", projection: "", limit: 50, exact: false }),
    ])
      expect(key.slice(0, collection.length)).toEqual([...collection]);
  });

  it("tells one document's key from the collection's other keys", () => {
    expect(isOneDocumentKey(mongoKeys.document("shop", "orders", "x"))).toBe(true);
    expect(isOneDocumentKey(mongoKeys.documents("shop", "orders", { filter: "", sort: "", projection: "", limit: 50, exact: false }))).toBe(false);
    expect(isOneDocumentKey(mongoKeys.indexes("shop", "documents"))).toBe(false);
    expect(isOneDocumentKey(mongoKeys.collection("shop", "one"))).toBe(false);
  });
});
