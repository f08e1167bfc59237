import "server-only";
import type { Document } from "bson";
import { MongoServerError, type CreateIndexesOptions, type IndexDescriptionInfo } from "mongodb";
import { EjsonInputError, parseEjsonDocument, toEjson } from "@/lib/mongo/ejson";
import type { CreateIndexInput, CreateIndexResult, IndexInfo, IndexList } from "@/lib/schemas/mongo-document";
import { AppError } from "../http/errors";
import { mongoCall, mongoMaxTimeMs } from "./call";
import { getMongoClient } from "./client";
import { assertNamespaceExists, whenNamespaceMissing, type Namespace } from "./namespace";

const listedOptions = new Set(["v", "key", "name", "ns", "unique", "sparse", "expireAfterSeconds", "partialFilterExpression"]);

function keyDirection(value: unknown): number | string {
  if (typeof value === "number" || typeof value === "string") return value;
  // Some servers list directions as Int32/Long/Double wrappers.
  if (value && typeof value === "object" && "valueOf" in value) return Number(value.valueOf());
  return String(value);
}

/** Our shape of one listed index; `sizes` come from $collStats when the server has it. */
export function toIndexInfo(index: Document, sizes: Record<string, number> | undefined): IndexInfo {
  const otherOptions = Object.fromEntries(Object.entries(index).filter(([key]) => !listedOptions.has(key)));
  const size = sizes?.[index.name as string];
  return {
    name: String(index.name),
    keys: Object.entries((index.key ?? {}) as Document).map(([field, direction]) => ({ field, direction: keyDirection(direction) })),
    unique: index.unique === true,
    sparse: index.sparse === true,
    ...(index.expireAfterSeconds !== undefined ? { expireAfterSeconds: Number(index.expireAfterSeconds) } : {}),
    ...(index.partialFilterExpression ? { partialFilterExpression: toEjson(index.partialFilterExpression) as Record<string, unknown> } : {}),
    otherOptions: toEjson(otherOptions) as Record<string, unknown>,
    ...(typeof size === "number" ? { size } : {}),
  };
}

/** The key document an index is created with, from EJSON text or from fields and directions in order. */
export function indexKeysFrom(keys: CreateIndexInput["keys"]): Document {
  if (Array.isArray(keys)) {
    const fields = keys.map((k) => k.field);
    if (new Set(fields).size !== fields.length) throw new AppError("BAD_REQUEST", "Each field can be in an index's keys only once");
    return Object.fromEntries(keys.map((k) => [k.field, k.direction]));
  }
  const document = parseEjsonDocument(keys, "The index keys");
  if (Object.keys(document).length === 0) throw new EjsonInputError("The index keys name no field");
  for (const [field, direction] of Object.entries(document)) {
    if (field.startsWith("$")) throw new EjsonInputError(`The index keys: ${field} is not a field`);
    const ok =
      typeof direction === "string" ||
      (typeof direction === "number" && direction !== 0) ||
      (direction && typeof direction === "object" && Number(direction.valueOf()) !== 0);
    if (!ok) throw new EjsonInputError(`The index keys: ${field} needs a direction 1 or -1, or an index type such as "text"`);
  }
  return document;
}

/** The options of a create request that the server has to support, with what each looks like when listed. */
export function requestedIndexOptions(input: CreateIndexInput): CreateIndexesOptions {
  const options: CreateIndexesOptions = {};
  if (input.name) options.name = input.name;
  if (input.unique) options.unique = true;
  if (input.sparse) options.sparse = true;
  if (input.expireAfterSeconds !== undefined) options.expireAfterSeconds = input.expireAfterSeconds;
  if (input.partialFilterExpression !== undefined) options.partialFilterExpression = parseEjsonDocument(input.partialFilterExpression, "The partial filter");
  return options;
}

/** Options asked for that the index as listed does not have: the server accepted them and did nothing. */
export function ignoredOptions(options: CreateIndexesOptions, listed: IndexInfo): string[] {
  const warnings: string[] = [];
  const ignored = (option: string) => `The server accepted ${option} but lists the index without it: the option had no effect`;
  if (options.unique && !listed.unique) warnings.push(ignored("unique: true"));
  if (options.sparse && !listed.sparse) warnings.push(ignored("sparse: true"));
  if (options.expireAfterSeconds !== undefined && listed.expireAfterSeconds === undefined) warnings.push(ignored("expireAfterSeconds"));
  if (options.partialFilterExpression && !listed.partialFilterExpression) warnings.push(ignored("partialFilterExpression"));
  return warnings;
}

/** Index sizes by name from $collStats, or undefined when the server cannot say (one round trip). */
async function indexSizes(ns: Namespace): Promise<Record<string, number> | undefined> {
  try {
    const [stats] = await getMongoClient()
      .db(ns.db)
      .collection(ns.collection)
      .aggregate([{ $collStats: { storageStats: {} } }], { maxTimeMS: mongoMaxTimeMs() })
      .toArray();
    const sizes = (stats?.storageStats as { indexSizes?: Record<string, unknown> } | undefined)?.indexSizes;
    return sizes ? Object.fromEntries(Object.entries(sizes).map(([name, bytes]) => [name, Number(bytes)])) : undefined;
  } catch {
    return undefined;
  }
}

/** A collection's indexes with keys, options and sizes (two round trips: listIndexes and $collStats, side by side). */
export async function listIndexes(ns: Namespace): Promise<IndexList> {
  const collection = getMongoClient().db(ns.db).collection(ns.collection);
  const [listed, sizes] = await Promise.all([
    mongoCall("listIndexes", () => collection.listIndexes({ maxTimeMS: mongoMaxTimeMs() }).toArray().catch(whenNamespaceMissing(ns))),
    indexSizes(ns),
  ]);
  return { indexes: (listed as IndexDescriptionInfo[]).map((index) => toIndexInfo(index as Document, sizes)) };
}

/**
 * Creates one index. What the server refuses (FerretDB: TTL, partial filters, collation, text and
 * hashed keys) comes back as a 422 in its words; options it accepts and ignores (FerretDB: sparse)
 * are returned as warnings. Four round trips: the collection check, createIndexes, the list again.
 */
export async function createIndex(ns: Namespace, input: CreateIndexInput): Promise<CreateIndexResult> {
  const keys = indexKeysFrom(input.keys);
  const options = requestedIndexOptions(input);
  // createIndexes would create a missing collection; creating collections is done on purpose elsewhere.
  await assertNamespaceExists(ns);
  const name = await mongoCall("createIndex", () => getMongoClient().db(ns.db).collection(ns.collection).createIndex(keys, options));
  const { indexes } = await listIndexes(ns);
  const index = indexes.find((i) => i.name === name);
  if (!index) throw new AppError("MONGO_ERROR", `The server answered that it created index ${name} but does not list it`);
  return { index, warnings: ignoredOptions(options, index) };
}

/** Drops one index by name after the name was typed again; `_id_` cannot be dropped. One round trip. */
export async function dropIndex(ns: Namespace, name: string, confirm: string): Promise<{ dropped: string }> {
  if (name === "_id_") throw new AppError("BAD_REQUEST", "The _id_ index cannot be dropped");
  if (confirm !== name) throw new AppError("BAD_REQUEST", `Type the index name (${name}) to confirm`);
  await mongoCall("dropIndex", () =>
    getMongoClient()
      .db(ns.db)
      .collection(ns.collection)
      .dropIndex(name, { maxTimeMS: mongoMaxTimeMs() })
      .catch(whenNamespaceMissing(ns))
      .catch((error: unknown) => {
        if (error instanceof MongoServerError && error.code === 27) throw new AppError("NOT_FOUND", `No index ${name} on ${ns.db}.${ns.collection}`);
        throw error;
      }),
  );
  return { dropped: name };
}
