import { EJSON, type Document } from "bson";

/** A canonical Extended JSON document from the API as BSON values (ObjectId, Date, Long…). */
export function fromCanonical(doc: Record<string, unknown>): Document {
  return EJSON.deserialize(doc, { relaxed: false });
}

/** A value for a table cell: ObjectId as hex, dates in ISO, strings as they are, the rest as short relaxed Extended JSON. */
export function cellText(value: unknown, max = 120): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value.length > max ? `${value.slice(0, max)}…` : value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid date" : value.toISOString();
  if (value !== null && typeof value === "object" && (value as { _bsontype?: string })._bsontype === "ObjectId")
    return (value as { toHexString(): string }).toHexString();
  const text = EJSON.stringify(value, { relaxed: true });
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A document as indented relaxed Extended JSON, for reading. */
export function documentText(doc: Document): string {
  return EJSON.stringify(doc, undefined, 2, { relaxed: true });
}

/**
 * What a person types in "jump to _id" as the API's startAt (encodeDocumentId's form):
 * 24 hex digits or ObjectId("…") as an ObjectId, numbers and Extended JSON as `ejson:`, else a string.
 */
export function startAtFromInput(text: string): string {
  const trimmed = text.trim();
  const objectId = /^(?:ObjectId\(\s*["']([0-9a-fA-F]{24})["']\s*\)|([0-9a-fA-F]{24}))$/.exec(trimmed);
  if (objectId) return (objectId[1] ?? objectId[2]!).toLowerCase();
  if (/^-?\d+(\.\d+)?$/.test(trimmed) || /^[{["]/.test(trimmed)) return `ejson:${trimmed}`;
  return trimmed;
}
