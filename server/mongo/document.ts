import "server-only";
import { createHash } from "node:crypto";
import { calculateObjectSize, deserialize, serialize, type Document } from "bson";
import type { Collection, Filter } from "mongodb";
import { parseEjsonDocument, toEjson } from "@/lib/mongo/ejson";
import { decodeDocumentId, encodeDocumentId } from "@/lib/mongo/id";
import { maxDocumentBytes, type DeleteDocumentInput, type DeleteDocumentResult, type DocumentView } from "@/lib/schemas/mongo-document";
import { AppError } from "../http/errors";
import { mongoCall, mongoMaxTimeMs } from "./call";
import { getMongoClient } from "./client";
import { assertNamespaceExists, writeRefusal, type Namespace } from "./namespace";

/** How stored BSON is read back: every number keeps its BSON type, binary stays Binary, regexes stay BSON regexes. */
export const bsonReadOptions = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true } as const;

/** The version token of a stored document: SHA-256 of the exact BSON bytes the server returned. */
export function documentVersion(bson: Uint8Array): string {
  return createHash("sha256").update(bson).digest("hex");
}

/** Two BSON values are the same when they serialize to the same bytes (type, order and value). */
export function sameBsonValue(a: unknown, b: unknown): boolean {
  return Buffer.compare(serialize({ v: a }), serialize({ v: b })) === 0;
}

// Past this size the condition on every field would make the replace command itself too large; the version check before still holds.
const maxConditionBytes = 4 * 1024 * 1024;

/**
 * The filter a replace or delete runs with: the `_id`, plus `$eq` on every top-level field as it was
 * when the version was checked, so a change made between the check and the write matches nothing.
 * FerretDB has no transactions and writes by read-modify-write, so this narrows the window to almost
 * nothing but is not atomic there; on MongoDB the single-document write is. `$eq` also treats 2 and
 * 2.0 alike, so only the version hash sees a change of numeric type — which is why both are used.
 * Dotted and `$` names are left out (they would be read as paths or operators).
 */
export function unchangedSinceFilter(current: Document, bytes: number): Filter<Document> {
  const filter: Document = { _id: current._id };
  if (bytes > maxConditionBytes) return filter;
  for (const [key, value] of Object.entries(current)) {
    if (key === "_id" || key.includes(".") || key.startsWith("$")) continue;
    filter[key] = { $eq: value };
  }
  return filter;
}

/** Values FerretDB 1.x cannot decode (it closes the connection rather than answer), with their paths. */
export function valuesFerretDbCannotStore(value: unknown, path = ""): string[] {
  if (value === null || typeof value !== "object") return [];
  const type = (value as { _bsontype?: string })._bsontype;
  if (type === "Decimal128" || type === "MinKey" || type === "MaxKey") return [`${type} at ${path || "(root)"}`];
  if (type === "Double" && Number.isNaN((value as { value: number }).value)) return [`NaN at ${path}`];
  if (type) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => valuesFerretDbCannotStore(child, path ? `${path}.${key}` : key));
}

function collectionOf(ns: Namespace): Collection {
  return getMongoClient().db(ns.db).collection(ns.collection);
}

async function readRaw(ns: Namespace, id: unknown): Promise<Buffer | null> {
  const found = await mongoCall("findOne", () => collectionOf(ns).findOne({ _id: id } as Filter<Document>, { raw: true, maxTimeMS: mongoMaxTimeMs() }));
  return (found as unknown as Buffer | null) ?? null;
}

function toView(raw: Buffer): DocumentView {
  const document = deserialize(raw, bsonReadOptions);
  return { id: encodeDocumentId(document._id), document: toEjson(document) as Record<string, unknown>, version: documentVersion(raw), bytes: raw.length };
}

/** 404 with the most specific code: the database, the collection, or only the document is missing. */
async function documentNotFound(ns: Namespace, id: unknown): Promise<AppError> {
  await assertNamespaceExists(ns);
  return new AppError("DOCUMENT_NOT_FOUND", `No document with _id ${encodeDocumentId(id)} in ${ns.db}.${ns.collection}`);
}

function parseDocumentText(text: string): Document {
  const document = parseEjsonDocument(text, "The document");
  const bytes = calculateObjectSize(document);
  if (bytes > maxDocumentBytes) throw new AppError("TOO_LARGE", `The document is ${bytes} bytes of BSON; MongoDB stores at most ${maxDocumentBytes}`);
  return document;
}

const staleMessage = "The document changed since it was loaded; reload it and apply the edit again";

/** One document by `_id` as canonical Extended JSON with its version (one round trip; two more when it is missing). */
export async function fetchDocument(ns: Namespace, id: unknown): Promise<DocumentView> {
  const raw = await readRaw(ns, id);
  if (!raw) throw await documentNotFound(ns, id);
  return toView(raw);
}

/**
 * Replaces a document with `text` if it is still the version the editor loaded: 409 when it changed,
 * 400 when the edit changes `_id`. Three round trips (read and compare, conditional replace, read back),
 * four when only numeric types changed on a server that skips such a replace.
 */
export async function saveDocument(ns: Namespace, id: unknown, text: string, version: string): Promise<DocumentView> {
  const replacement = parseDocumentText(text);
  if (!("_id" in replacement)) throw new AppError("BAD_REQUEST", "The document must keep its _id");
  if (!sameBsonValue(replacement._id, id)) throw new AppError("BAD_REQUEST", "_id cannot change: insert a new document (Duplicate) instead");

  const currentRaw = await readRaw(ns, id);
  if (!currentRaw) throw await documentNotFound(ns, id);
  if (documentVersion(currentRaw) !== version) throw new AppError("STALE_DOCUMENT", staleMessage, { version: documentVersion(currentRaw) });
  const current = deserialize(currentRaw, bsonReadOptions);

  const result = await mongoCall("replaceOne", () =>
    collectionOf(ns)
      .replaceOne(unchangedSinceFilter(current, currentRaw.length), replacement, { maxTimeMS: mongoMaxTimeMs() })
      .catch((error: unknown) => writeRefusal(error, valuesFerretDbCannotStore(replacement))),
  );
  if (result.matchedCount === 0) {
    if (!(await readRaw(ns, id))) throw await documentNotFound(ns, id);
    throw new AppError("STALE_DOCUMENT", staleMessage);
  }
  if (result.modifiedCount === 0 && !Buffer.from(serialize(replacement)).equals(currentRaw)) {
    // FerretDB skips a replace whose document is equal by value (2.0 → 2, a Long 5 → an Int32 5),
    // silently keeping the old types; setting each field does write them.
    const { _id: _unchanged, ...fields } = replacement;
    await mongoCall("updateOne", () =>
      collectionOf(ns).updateOne(unchangedSinceFilter(current, currentRaw.length), { $set: fields }, { maxTimeMS: mongoMaxTimeMs() }),
    );
  }
  return fetchDocument(ns, id);
}

/** Inserts one document (an ObjectId `_id` is added when it has none); 409 when the `_id` exists. Three round trips. */
export async function insertDocument(ns: Namespace, text: string): Promise<DocumentView> {
  const document = parseDocumentText(text);
  // Inserting would create a missing collection silently; creating collections is done on purpose elsewhere.
  await assertNamespaceExists(ns);
  await mongoCall("insertOne", () =>
    collectionOf(ns)
      .insertOne(document)
      .catch((error: unknown) => writeRefusal(error, valuesFerretDbCannotStore(document))),
  );
  return fetchDocument(ns, document._id);
}

/** Deletes a document: with a version, only if it is unchanged (409 otherwise); 404 when it is gone. Two round trips. */
export async function deleteDocument(ns: Namespace, id: unknown, input: DeleteDocumentInput): Promise<DeleteDocumentResult> {
  const currentRaw = await readRaw(ns, id);
  if (!currentRaw) throw await documentNotFound(ns, id);
  if (input.version !== undefined && documentVersion(currentRaw) !== input.version) {
    throw new AppError("STALE_DOCUMENT", "The document changed since it was loaded; reload it before deleting", { version: documentVersion(currentRaw) });
  }
  const filter = input.version === undefined ? { _id: id } : unchangedSinceFilter(deserialize(currentRaw, bsonReadOptions), currentRaw.length);
  const result = await mongoCall("deleteOne", () => collectionOf(ns).deleteOne(filter as Filter<Document>, { maxTimeMS: mongoMaxTimeMs() }));
  if (result.deletedCount === 0) {
    if (!(await readRaw(ns, id))) throw await documentNotFound(ns, id);
    throw new AppError("STALE_DOCUMENT", "The document changed while it was being deleted; reload it");
  }
  return { deleted: true, id: encodeDocumentId(id) };
}

/** The `_id` a URL segment names (decodeDocumentId); a malformed "ejson:" segment is a 400. */
export function documentIdFromSegment(segment: string): unknown {
  try {
    return decodeDocumentId(segment);
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The document id ${JSON.stringify(segment)} is not valid: ${error instanceof Error ? error.message : String(error)}`);
  }
}
