import "server-only";
import type { CollectionSummary } from "@/lib/schemas/mongo-browse";
import { AppError } from "../http/errors";
import { mongoCall, mongoMaxTimeMs } from "./call";
import { getMongoClient } from "./client";
import { assertDatabaseExists } from "./databases";
import { assertNamespaceExists, namespaceNotFound, type Namespace } from "./namespace";

const numberOrNull = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

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
export async function collectionStats({ db, collection }: Namespace): Promise<StorageStats | undefined> {
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
export async function countExactly({ db, collection }: Namespace, filter: Record<string, unknown> = {}): Promise<number> {
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
      const stats = type === "collection" ? await collectionStats({ db, collection: info.name }) : undefined;
      const summary = summarize(info.name, type, stats);
      if (exact) summary.exactCount = await countExactly({ db, collection: info.name }).catch(() => null);
      return summary;
    }),
  );
  return summaries.sort((a, b) => a.name.localeCompare(b.name));
}

/** One collection's summary (listCollections for its name, then `$collStats`); 404 when it does not exist. */
export async function describeCollection(ns: Namespace, { exact }: { exact: boolean }): Promise<CollectionSummary> {
  const [info] = await mongoCall("listCollections", () => getMongoClient().db(ns.db).listCollections({ name: ns.collection }).toArray());
  if (!info) throw await namespaceNotFound(ns);
  const type = String(info.type ?? "collection");
  const summary = summarize(ns.collection, type, type === "collection" ? await collectionStats(ns) : undefined);
  if (exact) summary.exactCount = await countExactly(ns);
  return summary;
}

/** Creates an empty collection (a database comes into being with its first collection); 409 when it exists. */
export async function createCollection(ns: Namespace): Promise<CollectionSummary> {
  const existing = await mongoCall("listCollections", () => getMongoClient().db(ns.db).listCollections({ name: ns.collection }, { nameOnly: true }).toArray());
  if (existing.length > 0) throw new AppError("CONFLICT", `Collection ${ns.db}.${ns.collection} already exists`);
  await mongoCall("createCollection", () => getMongoClient().db(ns.db).createCollection(ns.collection));
  return describeCollection(ns, { exact: false });
}

/** Renames within the database; 404 for an unknown source, 409 when the target exists. */
export async function renameCollection(ns: Namespace, to: string): Promise<CollectionSummary> {
  const { db, collection: from } = ns;
  await assertNamespaceExists(ns);
  if (from === to) throw new AppError("BAD_REQUEST", "The new name is the current name");
  const taken = await mongoCall("listCollections", () => getMongoClient().db(db).listCollections({ name: to }, { nameOnly: true }).toArray());
  if (taken.length > 0) throw new AppError("CONFLICT", `Collection ${db}.${to} already exists`);
  await mongoCall("renameCollection", () => getMongoClient().db(db).renameCollection(from, to));
  return describeCollection({ db, collection: to }, { exact: false });
}

/** Drops a collection after its name was typed as confirmation. */
export async function dropCollection(ns: Namespace, confirm: string): Promise<{ collection: string; dropped: true }> {
  if (confirm !== ns.collection) throw new AppError("BAD_REQUEST", `Type the collection name (${ns.collection}) in confirm to drop it`);
  await assertNamespaceExists(ns);
  await mongoCall("dropCollection", () => getMongoClient().db(ns.db).collection(ns.collection).drop());
  return { collection: ns.collection, dropped: true };
}
