import "server-only";
import { randomBytes } from "node:crypto";
import type { Collection, Document } from "mongodb";
import type { ConsistencyCheck, CopyComparison, DeclaredCopy } from "@/lib/schemas/system";
import type { SystemConfig } from "@/lib/schemas/system-file";
import { getConfig } from "../config";
import { AppError } from "../http/errors";
import { topicPartitions } from "../kafka/messages-plan";
import { partitionForKey } from "../kafka/partitioner";
import { getLogger } from "../log";
import { mongoCall } from "../mongo/call";
import { getMongoClient } from "../mongo/client";
import { collectionStats } from "../mongo/collections";
import { getSystemConfig } from "./system-file";
import { canonical, fieldsDigest, findEntityDocument, relaxed, resolveCollection, valueAt } from "./documents";

type Copy = SystemConfig["copies"][number];

/** Mismatches kept in a check's report; the counts go on beyond it. */
const keptMismatches = 1_000;
/** A running check whose console stopped updating it for this long has failed. */
const abandonedAfterMs = 30_000;

export function declaredCopies(config = getSystemConfig()): DeclaredCopy[] {
  return config.copies.map((c) => ({
    name: c.name,
    entity: c.entity,
    source: `${c.source.service}: ${c.source.database}.${c.source.collection}`,
    target: `${c.copy.service}: ${c.copy.database}.${c.copy.projection ? `${c.copy.collection} (projection ${c.copy.projection})` : c.copy.collection}`,
    fields: c.fields,
    topic: c.topic,
  }));
}

function findCopy(name: string): Copy {
  const copy = getSystemConfig().copies.find((c) => c.name === name);
  if (!copy)
    throw new AppError(
      "NOT_FOUND",
      `No declared copy "${name}" (declared: ${
        getSystemConfig()
          .copies.map((c) => c.name)
          .join(", ") || "none"
      })`,
    );
  return copy;
}

const numberOrNull = (value: unknown) =>
  typeof value === "number"
    ? value
    : typeof value === "bigint"
      ? Number(value)
      : value && typeof value === "object" && "toNumber" in value
        ? Number((value as { toNumber(): number }).toNumber())
        : null;

/**
 * Compares a source document with its copy: consistent when the declared fields agree;
 * otherwise stale when the copy's version is behind the source's (an event it has not
 * applied), diverged when it is not; missing or orphan when one side has no document.
 */
export function compareDocuments(
  copy: Copy,
  id: string,
  source: Document | null,
  target: Document | null,
  replay: CopyComparison["replay"],
  now = Date.now(),
): CopyComparison | null {
  if (!source && !target) return null;
  const sourceVersion = source ? numberOrNull(valueAt(source, copy.versionField)) : null;
  const copyVersion = target ? numberOrNull(valueAt(target, copy.versionField)) : null;
  const differences =
    source && target
      ? copy.fields
          .filter((f) => canonical(valueAt(source, f)) !== canonical(valueAt(target, f)))
          .map((field) => ({ field, source: relaxed(valueAt(source, field)), copy: relaxed(valueAt(target, field)) }))
      : [];
  const state: CopyComparison["state"] = !target
    ? "missing"
    : !source
      ? "orphan"
      : differences.length === 0
        ? "consistent"
        : sourceVersion !== null && copyVersion !== null && copyVersion < sourceVersion
          ? "stale"
          : "diverged";
  const changedAt = source && copy.updatedAtField ? valueAt(source, copy.updatedAtField) : undefined;
  const changedMs = changedAt instanceof Date ? changedAt.getTime() : typeof changedAt === "string" ? Date.parse(changedAt) : NaN;
  return {
    copy: copy.name,
    entity: copy.entity,
    id,
    state,
    sourceVersion,
    copyVersion,
    differences,
    staleSeconds: (state === "stale" || state === "missing") && Number.isFinite(changedMs) ? Math.max(0, Math.round((now - changedMs) / 1000)) : null,
    replay: state === "consistent" || state === "orphan" ? null : replay,
  };
}

async function replayTarget(copy: Copy, id: string): Promise<CopyComparison["replay"]> {
  const partitions = await topicPartitions(copy.topic).catch(() => null);
  return partitions ? { topic: copy.topic, partition: partitionForKey(id, partitions.length), key: id } : null;
}

/** One entity's copy compared with its source, read now. */
export async function compareEntity(copy: Copy, id: string, warnings: string[]): Promise<CopyComparison | null> {
  const [sourceCollection, copyCollection] = await Promise.all([resolveCollection(copy.source, warnings), resolveCollection(copy.copy, warnings)]);
  const [source, target, replay] = await Promise.all([
    findEntityDocument(copy.source, sourceCollection, id),
    findEntityDocument(copy.copy, copyCollection, id),
    replayTarget(copy, id),
  ]);
  return compareDocuments(copy, id, source, target, replay);
}

/** The declared copies of an entity, compared for one id. */
export async function compareCopiesOf(entity: string, id: string, warnings: string[]): Promise<CopyComparison[]> {
  const copies = getSystemConfig().copies.filter((c) => c.entity === entity);
  const compared = await Promise.all(
    copies.map((copy) => compareEntity(copy, id, warnings).catch((error: Error) => (warnings.push(`${copy.name}: ${error.message}`), null))),
  );
  return compared.filter((c): c is CopyComparison => c !== null);
}

// ── Checks over a whole collection ──────────────────────────────────────────

interface CheckDocument extends Omit<ConsistencyCheck, "id" | "startedAt" | "finishedAt"> {
  _id: string;
  cluster: string;
  startedAt: Date;
  finishedAt: Date | null;
  heartbeatAt: Date;
}

function checks(): Collection<CheckDocument> {
  return getMongoClient().db(getConfig().CONSOLE_DATABASE).collection<CheckDocument>("consistency_checks");
}

function toCheck(doc: CheckDocument): ConsistencyCheck {
  const { _id, cluster: _cluster, heartbeatAt, startedAt, finishedAt, ...rest } = doc;
  const abandoned = rest.state === "running" && Date.now() - heartbeatAt.getTime() > abandonedAfterMs;
  return {
    ...rest,
    id: _id,
    state: abandoned ? "failed" : rest.state,
    error: abandoned ? "The console running this check stopped before it finished; start it again" : rest.error,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt?.toISOString() ?? null,
  };
}

export async function listConsistencyChecks(limit = 20): Promise<ConsistencyCheck[]> {
  const docs = await mongoCall("listConsistencyChecks", () =>
    checks()
      .find({ cluster: getConfig().CLUSTER_NAME }, { projection: { mismatches: 0 } })
      .sort({ startedAt: -1 })
      .limit(limit)
      .toArray(),
  );
  return docs.map((doc) => toCheck({ ...doc, mismatches: [] }));
}

export async function getConsistencyCheck(id: string): Promise<ConsistencyCheck> {
  const doc = await mongoCall("getConsistencyCheck", () => checks().findOne({ _id: id }));
  if (!doc) throw new AppError("NOT_FOUND", `No consistency check ${id}`);
  return toCheck(doc);
}

interface SourceEntry {
  digest: string;
}

const idKey = (value: unknown) => (typeof value === "string" ? value : canonical(value));

/**
 * Compares a whole collection with its copy in two sequential reads — the source into a
 * digest per id, then the copy against it — so the cost is one pass over each whatever
 * the server can push down (FerretDB sorts and ranges nothing). Every mismatch found is
 * read again one by one before it is reported: a copy that caught up meanwhile is consistent.
 */
async function runCheck(id: string, copy: Copy): Promise<void> {
  const warnings: string[] = [];
  const [sourceCollection, copyCollection] = await Promise.all([resolveCollection(copy.source, warnings), resolveCollection(copy.copy, warnings)]);
  const [sourceStats, copyStats] = await Promise.all([
    collectionStats({ db: copy.source.database, collection: sourceCollection }),
    collectionStats({ db: copy.copy.database, collection: copyCollection }),
  ]);
  const total = (Number(sourceStats?.count) || 0) + (Number(copyStats?.count) || 0);
  const counts = { checked: 0, consistent: 0, stale: 0, diverged: 0, missing: 0, orphan: 0 };
  const mismatches: CopyComparison[] = [];
  let scanned = 0;
  let lastSave = Date.now();
  const save = async (force = false) => {
    if (!force && Date.now() - lastSave < 500) return;
    lastSave = Date.now();
    await checks().updateOne({ _id: id }, { $set: { progress: { scanned, total: Math.max(total, scanned) }, counts: { ...counts }, heartbeatAt: new Date() } });
  };
  const projection = Object.fromEntries(
    [copy.source.idField, copy.versionField, ...(copy.updatedAtField ? [copy.updatedAtField] : []), ...copy.fields].map((f) => [f, 1]),
  );

  const sources = new Map<string, SourceEntry>();
  for await (const doc of getMongoClient().db(copy.source.database).collection(sourceCollection).find({}, { projection, batchSize: 1000 })) {
    sources.set(idKey(valueAt(doc, copy.source.idField)), { digest: fieldsDigest(doc, copy.fields) });
    scanned++;
    await save();
  }
  const suspects: string[] = [];
  const copyProjection = Object.fromEntries([copy.copy.idField, copy.versionField, ...copy.fields].map((f) => [f, 1]));
  for await (const doc of getMongoClient().db(copy.copy.database).collection(copyCollection).find({}, { projection: copyProjection, batchSize: 1000 })) {
    const key = idKey(valueAt(doc, copy.copy.idField));
    const source = sources.get(key);
    sources.delete(key);
    scanned++;
    if (source && source.digest === fieldsDigest(doc, copy.fields)) {
      counts.checked++;
      counts.consistent++;
    } else suspects.push(key);
    await save();
  }
  // Sources no copy was found for.
  suspects.push(...sources.keys());
  sources.clear();
  for (const key of suspects) {
    const compared = await compareEntity(copy, key, warnings);
    counts.checked++;
    if (!compared || compared.state === "consistent") counts.consistent++;
    else {
      counts[compared.state]++;
      if (mismatches.length < keptMismatches) mismatches.push(compared);
    }
    await save();
  }
  await checks().updateOne(
    { _id: id },
    {
      $set: {
        state: "completed",
        progress: { scanned, total: scanned },
        counts,
        mismatches,
        finishedAt: new Date(),
        heartbeatAt: new Date(),
        error: warnings.length ? warnings.join("; ") : null,
      },
    },
  );
}

/** Starts a check of a declared copy in this process; its report is kept in the console's database. */
export async function startConsistencyCheck(name: string, actor: string): Promise<ConsistencyCheck> {
  const copy = findCopy(name);
  const id = `cc-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const now = new Date();
  const doc: CheckDocument = {
    _id: id,
    cluster: getConfig().CLUSTER_NAME,
    copy: copy.name,
    entity: copy.entity,
    source: `${copy.source.database}.${copy.source.collection}`,
    target: `${copy.copy.database}.${copy.copy.collection}`,
    state: "running",
    error: null,
    progress: { scanned: 0, total: 0 },
    counts: { checked: 0, consistent: 0, stale: 0, diverged: 0, missing: 0, orphan: 0 },
    mismatches: [],
    createdBy: actor,
    startedAt: now,
    finishedAt: null,
    heartbeatAt: now,
  };
  await mongoCall("insertConsistencyCheck", () => checks().insertOne(doc));
  void runCheck(id, copy).catch(async (error: Error) => {
    getLogger().error({ err: error, check: id }, "consistency check failed");
    await checks()
      .updateOne({ _id: id }, { $set: { state: "failed", error: error.message, finishedAt: new Date(), heartbeatAt: new Date() } })
      .catch(() => undefined);
  });
  return toCheck(doc);
}
