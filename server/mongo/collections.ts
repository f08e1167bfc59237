import "server-only";
import type { CollectionSummary } from "@/lib/schemas/mongo-browse";
import { AppError } from "../http/errors";
import { mongoCall, mongoMaxTimeMs } from "./call";
import { getMongoClient } from "./client";
import { assertDatabaseExists } from "./databases";

const numberOrNull = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/** Throws COLLECTION_NOT_FOUND (or DATABASE_NOT_FOUND) unless `db.collection` exists; one or two round trips. */
export async function assertCollectionExists(db: string, collection: string): Promise<void> {
  const found = await mongoCall("listCollections", () => getMongoClient().db(db).listCollections({ name: collection }, { nameOnly: true }).toArray());
  if (found.length > 0) return;
  await assertDatabaseExists(db);
  throw new AppError("COLLECTION_NOT_FOUND", `Collection ${db}.${collection} does not exist`);
}

interface StorageStats {
  count?: unknown;
  avgObjSize?: unknown;
  size?: unknown;
  storageSize?: unknown;
  totalSize?: unknown;
  totalIndexSize?: unknown;
  nindexes?: unknown;
}

/**
 * Collection statistics from `$collStats` (one aggregate). The count there comes from the
 * storage engine's metadata — cheap, where FerretDB's `count` command reads every document.
 * A server without `$collStats` (or a view) yields nulls, not an error.
 */
export async function collectionStats(db: string, collection: string): Promise<StorageStats | undefined> {
  try {
    const [stats] = await mongoCall("collStats", () =>
      getMongoClient()
        .db(db)
        .collection(collection)
        .aggregate([{ $collStats: { storageStats: {} } }], { maxTimeMS: mongoMaxTimeMs() })
        .toArray(),
    );
    return (stats?.storageStats as StorageStats | undefined) ?? undefined;
  } catch (error) {
    if (error instanceof AppError && error.code === "MONGO_REFUSED") return undefined;
    throw error;
  }
}

/** The number of documents matching `filter`, counted by the server within maxTimeMS (reads them all on FerretDB). */
export async function countExactly(db: string, collection: string, filter: Record<string, unknown> = {}): Promise<number> {
  return mongoCall("countDocuments", () => getMongoClient().db(db).collection(collection).countDocuments(filter, { maxTimeMS: mongoMaxTimeMs() }));
}

function summarize(name: string, type: string, stats: StorageStats | undefined): CollectionSummary {
  const count = numberOrNull(stats?.count);
  const size = numberOrNull(stats?.size);
  const avg = numberOrNull(stats?.avgObjSize) ?? (count && size !== null ? Math.round(size / count) : null);
  const indexSize = numberOrNull(stats?.totalIndexSize);
  const storage = numberOrNull(stats?.storageSize);
  return {
    name,
    type,
    estimatedCount: count,
    avgDocumentSize: count === 0 ? 0 : avg,
    totalSize: numberOrNull(stats?.totalSize) ?? (storage !== null ? storage + (indexSize ?? 0) : null),
    indexSize,
    indexCount: numberOrNull(stats?.nindexes),
  };
}

/**
 * Every collection of `db` with estimated count, sizes and index count: listCollections,
 * then one `$collStats` per collection in parallel; with `exact`, one count each as well.
 */
export async function listCollections(db: string, { exact }: { exact: boolean }): Promise<CollectionSummary[]> {
  const infos = await mongoCall("listCollections", () => getMongoClient().db(db).listCollections({}, { nameOnly: false }).toArray());
  if (infos.length === 0) await assertDatabaseExists(db);
  const visible = infos.filter((info) => !info.name.startsWith("system."));
  const summaries = await Promise.all(
    visible.map(async (info) => {
      const type = String(info.type ?? "collection");
      const stats = type === "collection" ? await collectionStats(db, info.name) : undefined;
      const summary = summarize(info.name, type, stats);
      if (exact) summary.exactCount = await countExactly(db, info.name).catch(() => null);
      return summary;
    }),
  );
  return summaries.sort((a, b) => a.name.localeCompare(b.name));
}

/** One collection's summary (listCollections for its name, then `$collStats`); 404 when it does not exist. */
export async function describeCollection(db: string, collection: string, { exact }: { exact: boolean }): Promise<CollectionSummary> {
  const [info] = await mongoCall("listCollections", () => getMongoClient().db(db).listCollections({ name: collection }).toArray());
  if (!info) {
    await assertDatabaseExists(db);
    throw new AppError("COLLECTION_NOT_FOUND", `Collection ${db}.${collection} does not exist`);
  }
  const type = String(info.type ?? "collection");
  const summary = summarize(collection, type, type === "collection" ? await collectionStats(db, collection) : undefined);
  if (exact) summary.exactCount = await countExactly(db, collection);
  return summary;
}

/** Creates an empty collection (a database comes into being with its first collection); 409 when it exists. */
export async function createCollection(db: string, name: string): Promise<CollectionSummary> {
  const existing = await mongoCall("listCollections", () => getMongoClient().db(db).listCollections({ name }, { nameOnly: true }).toArray());
  if (existing.length > 0) throw new AppError("CONFLICT", `Collection ${db}.${name} already exists`);
  await mongoCall("createCollection", () => getMongoClient().db(db).createCollection(name));
  return describeCollection(db, name, { exact: false });
}

/** Renames within the database; 404 for an unknown source, 409 when the target exists. */
export async function renameCollection(db: string, from: string, to: string): Promise<CollectionSummary> {
  await assertCollectionExists(db, from);
  if (from === to) throw new AppError("BAD_REQUEST", "The new name is the current name");
  const taken = await mongoCall("listCollections", () => getMongoClient().db(db).listCollections({ name: to }, { nameOnly: true }).toArray());
  if (taken.length > 0) throw new AppError("CONFLICT", `Collection ${db}.${to} already exists`);
  await mongoCall("renameCollection", () => getMongoClient().db(db).renameCollection(from, to));
  return describeCollection(db, to, { exact: false });
}

/** Drops a collection after its name was typed as confirmation. */
export async function dropCollection(db: string, collection: string, confirm: string): Promise<{ collection: string; dropped: true }> {
  if (confirm !== collection) throw new AppError("BAD_REQUEST", `Type the collection name (${collection}) in confirm to drop it`);
  await assertCollectionExists(db, collection);
  await mongoCall("dropCollection", () => getMongoClient().db(db).collection(collection).drop());
  return { collection, dropped: true };
}
