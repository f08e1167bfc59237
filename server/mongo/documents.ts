import "server-only";
import { MongoServerError, type Collection, type Document } from "mongodb";
import { parseEjsonDocument, toEjson } from "@/lib/mongo/ejson";
import { decodeDocumentId } from "@/lib/mongo/id";
import type { DocumentsPage, DocumentsQuery, DocumentsTotal } from "@/lib/schemas/mongo-browse";
import { AppError } from "../http/errors";
import { mongoCall, mongoMaxTimeMs } from "./call";
import { getMongoClient } from "./client";
import { collectionStats, countExactly } from "./collections";
import { assertNamespaceExists, type Namespace } from "./namespace";
import {
  andFilters,
  decodeCursor,
  encodeCursor,
  idRangeSegments,
  keysetFilter,
  normalizeSort,
  reversed,
  sortDocument,
  type KeysetStart,
  type SortSpec,
} from "./keyset";

const sampleSize = 100;

/** A query stopped by its maxTimeMS is a timeout (504), not a refusal. */
export async function withTimeLimit<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MongoServerError && (error.code === 50 || error.codeName === "MaxTimeMSExpired")) {
      throw new AppError("TIMEOUT", `MongoDB stopped ${what} at its time limit (${mongoMaxTimeMs()} ms); narrow the filter or add an index`);
    }
    throw error;
  }
}

export interface ParsedQuery {
  filter: Document;
  spec: SortSpec;
  projection: Document | undefined;
}

/** Filter, sort and projection from their Extended JSON texts (400 naming the position of a syntax error). */
export function parseQueryInputs(input: { filter?: string; sort?: string; projection?: string }): ParsedQuery {
  const filter = input.filter?.trim() ? parseEjsonDocument(input.filter, "filter") : {};
  const sort = input.sort?.trim() ? parseEjsonDocument(input.sort, "sort") : {};
  const projection = input.projection?.trim() ? parseEjsonDocument(input.projection, "projection") : undefined;
  return { filter, spec: normalizeSort(sort), projection: projection && Object.keys(projection).length ? projection : undefined };
}

const isInclusion = (projection: Document) =>
  Object.entries(projection).some(([key, value]) => key !== "_id" && !(value === 0 || value === false || Number(value) === 0));

/**
 * The projection sent to the server, widened so the rows still carry their sort keys and
 * `_id` (cursors are made from them), and the paths to take out again afterwards.
 */
export function widenProjection(projection: Document | undefined, spec: SortSpec): { projection: Document | undefined; strip: string[] } {
  if (!projection) return { projection: undefined, strip: [] };
  const widened: Document = { ...projection };
  const strip: string[] = [];
  const covers = (field: string) => Object.keys(projection).some((key) => field === key || field.startsWith(`${key}.`));
  for (const [field] of spec) {
    if (field === "_id") {
      if (widened._id === 0 || widened._id === false || Number(widened._id) === 0) delete widened._id;
      continue;
    }
    if (isInclusion(projection)) {
      if (!covers(field)) {
        widened[field] = 1;
        strip.push(field);
      }
    } else if (covers(field)) {
      for (const key of Object.keys(widened)) if (field === key || field.startsWith(`${key}.`)) delete widened[key];
      strip.push(field);
    }
  }
  return { projection: widened, strip };
}

function deletePath(doc: Document, path: string): void {
  const parts = path.split(".");
  const parents: Document[] = [doc];
  for (const part of parts.slice(0, -1)) {
    const next = parents.at(-1)![part];
    if (next === null || typeof next !== "object" || Array.isArray(next)) return;
    parents.push(next as Document);
  }
  delete parents.at(-1)![parts.at(-1)!];
  for (let i = parents.length - 1; i > 0; i--) if (Object.keys(parents[i]!).length === 0) delete parents[i - 1]![parts[i - 1]!];
}

/** Top-level field names of the documents, `_id` first, in order of first appearance. */
export function columnsOf(docs: Document[]): string[] {
  const seen = new Set<string>(["_id"]);
  for (const doc of docs) for (const key of Object.keys(doc)) seen.add(key);
  return [...seen];
}

/** Top-level fields of ~100 documents read in natural order (a LIMIT the server answers without sorting). */
async function sampleColumns({ db, collection }: Namespace, projection: Document | undefined): Promise<Document[]> {
  return mongoCall("find", () =>
    withTimeLimit("the column sample", () =>
      getMongoClient().db(db).collection(collection).find({}, { limit: sampleSize, projection, maxTimeMS: mongoMaxTimeMs() }).toArray(),
    ),
  );
}

async function total(ns: Namespace, filter: Document, exact: boolean): Promise<DocumentsTotal> {
  if (exact) return { count: await withTimeLimit("the exact count", () => countExactly(ns, filter)), estimated: false };
  if (Object.keys(filter).length > 0) return { count: null, estimated: true };
  const stats = await collectionStats(ns);
  const count = stats?.count === undefined || stats.count === null ? null : Number(stats.count);
  return { count: Number.isFinite(count) ? count : null, estimated: true };
}

/** Where a page starts: the first page, after or before a cursor row, or at a given document. */
async function resolveStart({ db, collection }: Namespace, query: DocumentsQuery, spec: SortSpec) {
  if (query.after) return { direction: "after" as const, values: decodeCursor(query.after, spec), inclusive: false };
  if (query.before) return { direction: "before" as const, values: decodeCursor(query.before, spec), inclusive: false };
  if (query.startAt) {
    let id: unknown;
    try {
      id = decodeDocumentId(query.startAt);
    } catch {
      throw new AppError("BAD_REQUEST", "startAt is not a document id (24 hex digits, a string, or ejson:<Extended JSON>)");
    }
    const doc = await mongoCall("find", () =>
      getMongoClient()
        .db(db)
        .collection(collection)
        .findOne({ _id: id as never }, { maxTimeMS: mongoMaxTimeMs() }),
    );
    if (!doc) throw new AppError("DOCUMENT_NOT_FOUND", `No document with _id ${query.startAt} in ${db}.${collection}`);
    const cursor = encodeCursor(spec, doc);
    return { direction: "after" as const, values: decodeCursor(cursor, spec), inclusive: true };
  }
  return undefined;
}

/**
 * Up to `limit` rows from `start` on, in the order of `spec` (reversed when reading
 * backwards). Without a filter, the sort on `_id` alone reads consecutive ranges of the
 * `_id` index one after another until it has enough (`idRangeSegments`); otherwise one
 * query of the filter and "beyond the cursor row".
 */
async function findFrom(
  coll: Collection,
  filter: Document,
  spec: SortSpec,
  start: KeysetStart,
  limit: number,
  projection: Document | undefined,
): Promise<Document[]> {
  const sort = sortDocument(start.direction === "before" ? reversed(spec) : spec);
  const find = (where: Document, count: number) =>
    mongoCall("find", () => withTimeLimit("the page query", () => coll.find(where, { sort, limit: count, projection, maxTimeMS: mongoMaxTimeMs() }).toArray()));
  const segments = Object.keys(filter).length === 0 ? idRangeSegments(spec, start) : undefined;
  if (!segments) return find(andFilters(filter, start.values ? keysetFilter(spec, start.values, start.direction, start.inclusive) : undefined), limit);
  const rows: Document[] = [];
  for (const segment of segments) {
    rows.push(...(await find(segment, limit - rows.length)));
    if (rows.length >= limit) break;
  }
  return rows;
}

/**
 * One page of documents by keyset: the filter plus "sort key beyond the cursor row", sorted,
 * limit + 1 rows (the extra one tells whether another page follows). Its cost does not grow
 * with the page number. In parallel: an existence check, the column sample, the total.
 */
export async function fetchDocumentsPage(ns: Namespace, query: DocumentsQuery): Promise<DocumentsPage> {
  const { filter, spec, projection: asked } = parseQueryInputs(query);
  const { projection, strip } = widenProjection(asked, spec);
  const coll = getMongoClient().db(ns.db).collection(ns.collection);
  const existence = assertNamespaceExists(ns);
  const start = await resolveStart(ns, query, spec).catch(async (error: unknown) => {
    await existence; // an unknown collection is the better answer than a missing document
    throw error;
  });
  const backwards = start?.direction === "before";
  const rows = findFrom(coll, filter, spec, start ?? { direction: "after" }, query.limit + 1, projection);
  // Opened at a document: is there anything before it? One row of the reverse query says.
  const before = query.startAt && start ? findFrom(coll, filter, spec, { direction: "before", values: start.values }, 1, { _id: 1 }) : undefined;
  const [, found, earlier, sample, counted] = await Promise.all([existence, rows, before, sampleColumns(ns, asked), total(ns, filter, query.exact)]);

  const more = found.length > query.limit;
  const docs = found.slice(0, query.limit);
  if (backwards) docs.reverse();
  const first = docs[0];
  const last = docs.at(-1);
  let next: string | null = null;
  let previous: string | null = null;
  if (backwards) {
    next = last ? encodeCursor(spec, last) : null;
    previous = more && first ? encodeCursor(spec, first) : null;
  } else {
    next = more && last ? encodeCursor(spec, last) : null;
    const hasEarlier = query.startAt ? (earlier?.length ?? 0) > 0 : start !== undefined;
    previous = hasEarlier && first ? encodeCursor(spec, first) : null;
  }
  for (const doc of docs) for (const path of strip) deletePath(doc, path);

  const columns = columnsOf([...sample, ...docs]).filter((c) => c !== "_id" || !asked || !(asked._id === 0 || asked._id === false));
  return {
    documents: docs.map((doc) => toEjson(doc) as Record<string, unknown>),
    columns,
    sort: sortDocument(spec),
    limit: query.limit,
    next,
    previous,
    total: counted,
  };
}
