import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { collectionButDocuments, mongoKeys } from "./mongo";

const page = { filter: "", sort: "", projection: "", limit: 50, exact: false };

describe("mongoKeys", () => {
  it("nests everything of a collection under the collection's key", () => {
    const collection = mongoKeys.collection("shop", "orders");
    for (const key of [
      mongoKeys.document("shop", "orders", "x"),
      mongoKeys.indexes("shop", "orders"),
      mongoKeys.aggregate("shop", "orders", { pipeline: "[]", limit: 10 }),
      mongoKeys.documents("shop", "orders", page),
    ])
      expect(key.slice(0, collection.length)).toEqual([...collection]);
  });

  it("keeps a database or collection named like a list out of the lists' keys", () => {
    const client = new QueryClient();
    client.setQueryData(mongoKeys.databases(false), 1);
    client.setQueryData(mongoKeys.collections("shop", false), 1);
    for (const name of ["list", "databases", "collections"]) {
      expect(client.getQueryCache().findAll({ queryKey: mongoKeys.database(name) })).toHaveLength(0);
      expect(client.getQueryCache().findAll({ queryKey: mongoKeys.collection("shop", name) })).toHaveLength(0);
    }
  });

  it("finds a collection's queries except its single documents", () => {
    const client = new QueryClient();
    const keys = [
      mongoKeys.document("shop", "orders", "x"),
      mongoKeys.documents("shop", "orders", page),
      mongoKeys.indexes("shop", "orders"),
      mongoKeys.document("shop", "documents", "y"),
      mongoKeys.indexes("shop", "document"),
    ];
    for (const key of keys) client.setQueryData(key, 1);
    const found = (db: string, collection: string) =>
      client
        .getQueryCache()
        .findAll(collectionButDocuments(db, collection))
        .map((q) => q.queryKey);
    expect(found("shop", "orders")).toEqual([mongoKeys.documents("shop", "orders", page), mongoKeys.indexes("shop", "orders")]);
    expect(found("shop", "document")).toEqual([mongoKeys.indexes("shop", "document")]);
    expect(found("shop", "documents")).toEqual([]);
  });
});
