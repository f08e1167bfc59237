import "server-only";
import { createHash } from "node:crypto";
import { EJSON, type Document } from "bson";
import { toEjson } from "@/lib/mongo/ejson";
import type { DocumentRef } from "@/lib/schemas/system-file";
import { mongoCall, mongoMaxTimeMs } from "../mongo/call";
import { getMongoClient } from "../mongo/client";
import { describeProjection } from "../service-admin/projections";

/**
 * The collection a declared reference reads now: a service's rebuildable read model lives in
 * whichever collection the service names (it moves with every shadow rebuild); a service that
 * does not answer leaves the declared name, with a warning.
 */
export async function resolveCollection(ref: DocumentRef, warnings: string[]): Promise<string> {
  if (!ref.projection) return ref.collection;
  try {
    return (await describeProjection(ref.service, ref.projection)).collection;
  } catch (error) {
    warnings.push(`${ref.service}'s projection "${ref.projection}": ${(error as Error).message}; reading ${ref.database}.${ref.collection}`);
    return ref.collection;
  }
}

/** The value at a dotted path of a document (undefined where a step is missing). */
export function valueAt(document: Document, path: string): unknown {
  let value: unknown = document;
  for (const step of path.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = Object.hasOwn(value, step) ? (value as Record<string, unknown>)[step] : undefined;
  }
  return value;
}

/** A value as canonical Extended JSON text (type-exact: 1 and 1.0 as a double differ only when stored so). */
export function canonical(value: unknown): string {
  return value === undefined ? "undefined" : JSON.stringify(toEjson({ v: value }));
}

/** A value as relaxed Extended JSON, for the page. */
export function relaxed(value: unknown): unknown {
  return value === undefined ? null : (EJSON.serialize({ v: value }, { relaxed: true }) as { v: unknown }).v;
}

/** A digest of the named fields' values. */
export function fieldsDigest(document: Document, fields: string[]): string {
  const hash = createHash("sha1");
  for (const field of fields) hash.update(canonical(valueAt(document, field))).update("\u0000");
  return hash.digest("base64");
}

/** The entity's document in a collection, by its id field; ids are tried as stored text. */
export async function findEntityDocument(ref: DocumentRef, collection: string, id: string): Promise<Document | null> {
  return mongoCall("findEntityDocument", () =>
    getMongoClient()
      .db(ref.database)
      .collection(collection)
      .findOne({ [ref.idField]: id }, { maxTimeMS: mongoMaxTimeMs() }),
  );
}
