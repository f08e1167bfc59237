import "server-only";
import { EJSON, ObjectId, type Document } from "bson";
import { findServerSideJavaScript } from "@/lib/mongo/ejson";
import { AppError } from "../http/errors";

/** A sort as ordered [field, direction] pairs, always ending with `_id` (the tie breaker that makes a row's key unique). */
export type SortSpec = Array<[string, 1 | -1]>;

const maxSortKeys = 8;

/** Checks a parsed sort document (values 1 or -1) and appends `_id`; keys after `_id` can never matter and are dropped. */
export function normalizeSort(sort: Document): SortSpec {
  const spec: SortSpec = [];
  for (const [field, raw] of Object.entries(sort)) {
    const direction = Number(typeof raw === "object" && raw !== null && "valueOf" in raw ? raw.valueOf() : raw);
    if (direction !== 1 && direction !== -1) throw new AppError("BAD_REQUEST", `sort: the direction of ${field} must be 1 or -1`);
    if (!field || field.startsWith("$")) throw new AppError("BAD_REQUEST", `sort: ${JSON.stringify(field)} is not a field name`);
    spec.push([field, direction]);
    if (field === "_id") return spec;
  }
  if (spec.length >= maxSortKeys) throw new AppError("BAD_REQUEST", `sort: at most ${maxSortKeys - 1} fields besides _id`);
  spec.push(["_id", 1]);
  return spec;
}

export const sortDocument = (spec: SortSpec): Record<string, 1 | -1> => Object.fromEntries(spec);
export const reversed = (spec: SortSpec): SortSpec => spec.map(([field, direction]) => [field, direction === 1 ? -1 : 1]);

/** The value MongoDB sorts a document by for a (dotted) field: missing counts as null. */
export function valueAtPath(doc: Document, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return null;
    current = (current as Record<string, unknown>)[part];
    if (current === undefined) return null;
  }
  return current;
}

/** An opaque cursor: the row's sort key values (canonical EJSON, so every BSON type survives) in base64url. */
export function encodeCursor(spec: SortSpec, doc: Document): string {
  const payload = { k: spec.map(([field]) => field), v: spec.map(([field]) => valueAtPath(doc, field)) };
  return Buffer.from(EJSON.stringify(payload, { relaxed: false }), "utf8").toString("base64url");
}

/** The key values a cursor carries; 400 when it is not one of ours or was made for another sort. */
export function decodeCursor(cursor: string, spec: SortSpec): unknown[] {
  const bad = (why: string) => new AppError("BAD_REQUEST", `The page cursor is not valid: ${why}`);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad("not base64url");
  let plain: unknown;
  try {
    plain = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad("not JSON");
  }
  if (findServerSideJavaScript(plain)) throw bad("server-side JavaScript");
  const { k, v } = (plain ?? {}) as { k?: unknown; v?: unknown };
  if (!Array.isArray(k) || !Array.isArray(v) || k.length !== v.length) throw bad("missing keys or values");
  if (k.length !== spec.length || k.some((field, i) => field !== spec[i]![0])) throw bad("it belongs to another sort; start from the first page");
  try {
    return (EJSON.deserialize({ v }, { relaxed: false }) as { v: unknown[] }).v;
  } catch {
    throw bad("not Extended JSON");
  }
}

/**
 * MongoDB's order of types when sorting (MinKey, null, numbers, strings, objects, arrays,
 * binary, ObjectId, booleans, dates, timestamps, regular expressions, MaxKey) as `$type`
 * aliases (the ones MongoDB and FerretDB both know). `$gt`/`$lt` only compare within one type, so a cursor also needs "any value of a
 * type sorting after (before) this one".
 */
const typeOrder: string[][] = [
  [], // MinKey: no alias FerretDB knows, and no stored value is below it anyway
  ["null"],
  ["number"],
  ["string"],
  ["object"],
  ["array"],
  ["binData"],
  ["objectId"],
  ["bool"],
  ["date"],
  ["timestamp"],
  ["regex"],
  [], // MaxKey: likewise
];

function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 1;
  if (typeof value === "number" || typeof value === "bigint") return 2;
  if (typeof value === "string") return 3;
  if (typeof value === "boolean") return 8;
  if (value instanceof Date) return 9;
  if (value instanceof RegExp) return 11;
  if (Array.isArray(value)) return 5;
  const bsontype = (value as { _bsontype?: string })._bsontype;
  switch (bsontype) {
    case "MinKey":
      return 0;
    case "Int32":
    case "Double":
    case "Long":
    case "Decimal128":
      return 2;
    case "BSONSymbol":
      return 3;
    case "Binary":
      return 6;
    case "ObjectId":
      return 7;
    case "Timestamp":
      return 10;
    case "BSONRegExp":
      return 11;
    case "MaxKey":
      return 12;
    default:
      return 4;
  }
}

/** Rows whose `field` sorts strictly after (`gt`) or before (`lt`) `value`; undefined when none can. */
function beyond(field: string, value: unknown, side: "gt" | "lt"): Document | undefined {
  const rank = typeRank(value);
  const branches: Document[] = [];
  if ((rank === 0 && side === "lt") || (rank === typeOrder.length - 1 && side === "gt")) return undefined;
  if (rank === 1) {
    // null and missing sort together and lowest (MinKey aside): nothing is below them here.
    if (side === "lt") return undefined;
    branches.push({ [field]: { $ne: null } });
  } else {
    branches.push({ [field]: { [side === "gt" ? "$gt" : "$lt"]: value } });
    const otherTypes = (side === "gt" ? typeOrder.slice(rank + 1) : typeOrder.slice(0, rank).filter((_, i) => i !== 1)).flat();
    if (otherTypes.length) branches.push({ [field]: { $type: otherTypes } });
    if (side === "lt") branches.push({ [field]: { $eq: null } });
  }
  return branches.length === 1 ? branches[0] : { $or: branches };
}

/**
 * The filter for rows after (or before) the row whose sort key values are `values`:
 * (k1 beyond v1) or (k1 = v1 and k2 beyond v2) or …; `inclusive` adds the row itself.
 */
export function keysetFilter(spec: SortSpec, values: unknown[], direction: "after" | "before", inclusive = false): Document {
  const branches: Document[] = [];
  const equalSoFar: Document[] = [];
  spec.forEach(([field, order], i) => {
    const side = (order === 1) === (direction === "after") ? "gt" : "lt";
    const here = beyond(field, values[i], side);
    if (here) branches.push(equalSoFar.length ? { $and: [...equalSoFar, here] } : here);
    equalSoFar.push({ [field]: { $eq: values[i] } });
  });
  if (inclusive) branches.push({ $and: equalSoFar });
  if (branches.length === 0) return { _id: { $exists: false } }; // matches nothing: no row can follow
  return branches.length === 1 ? branches[0]! : { $or: branches };
}

/** Where a page starts: after or before the row with these key values (or that row itself), or at an end when `values` is absent. */
export interface KeysetStart {
  direction: "after" | "before";
  values?: unknown[];
  inclusive?: boolean;
}

const objectIdRank = 7;
/** Every ObjectId, as a range: `$gte` the smallest one. */
const everyObjectId = { $gte: new ObjectId("000000000000000000000000") };

/** `$type` filters for runs of type ranks (in scan order), with ObjectIds on their own as a range of `_id`. */
function typeSegments(ranks: number[]): Document[] {
  const segments: Document[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) segments.push({ _id: { $type: run } });
    run = [];
  };
  for (const rank of ranks) {
    if (rank === objectIdRank) {
      flush();
      segments.push({ _id: everyObjectId });
    } else {
      run.push(...typeOrder[rank]!);
    }
  }
  flush();
  return segments;
}

/**
 * For the sort on `_id` alone, the rows of a page as consecutive ranges of `_id` in the
 * order the page reads them: the rest of the cursor value's type (`{_id: {$gt: v}}`), then
 * the types after it — ObjectIds as the range of all of them, others by `$type`. Read one
 * after another until the page is full, each is a plain range of the `_id` index that a
 * server answers from the index (the local FerretDB only then: stack/README.md), where the
 * one `$or` of `keysetFilter` is sorted in full. Undefined for any other sort.
 */
export function idRangeSegments(spec: SortSpec, start: KeysetStart): Document[] | undefined {
  if (spec.length !== 1 || spec[0]![0] !== "_id") return undefined;
  const upwards = (spec[0]![1] === 1) === (start.direction === "after");
  const ranks = typeOrder.map((_, rank) => rank);
  if (!start.values) return typeSegments(upwards ? ranks : ranks.reverse());
  const value = start.values[0];
  const rank = typeRank(value);
  const operator = upwards ? (start.inclusive ? "$gte" : "$gt") : start.inclusive ? "$lte" : "$lt";
  const sameType = rank === 0 || rank === typeOrder.length - 1 || rank === 1 ? [] : [{ _id: { [operator]: value } }];
  const itself = start.inclusive && sameType.length === 0 ? [{ _id: { $eq: value } }] : [];
  const beyond = upwards ? ranks.slice(rank + 1) : ranks.slice(0, rank).reverse();
  return [...itself, ...sameType, ...typeSegments(beyond)];
}

/** `filter` and `extra` together, without nesting an empty filter. */
export function andFilters(filter: Document, extra: Document | undefined): Document {
  if (!extra) return filter;
  return Object.keys(filter).length === 0 ? extra : { $and: [filter, extra] };
}
