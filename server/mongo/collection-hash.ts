import "server-only";
import { createHash } from "node:crypto";
import { EJSON } from "bson";
import { getMongoClient } from "./client";

export interface CollectionHash {
  count: number;
  /** SHA-256 over every document in _id order, each in canonical Extended JSON. */
  sha256: string;
}

/** A fingerprint of a whole collection: two collections with the same documents (every field, every type) hash the same. */
export async function hashCollection(database: string, collection: string): Promise<CollectionHash> {
  const hash = createHash("sha256");
  let count = 0;
  for await (const doc of getMongoClient().db(database).collection(collection).find({}).sort({ _id: 1 })) {
    hash.update(EJSON.stringify(doc, { relaxed: false }));
    hash.update("\n");
    count++;
  }
  return { count, sha256: hash.digest("hex") };
}
