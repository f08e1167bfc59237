import { EJSON, ObjectId } from "bson";

/**
 * A document's `_id` as one URL path segment: an ObjectId as its 24 hex digits, a plain
 * string as itself, anything else (or a string that looks like an ObjectId or starts with
 * "ejson:") as "ejson:" + canonical Extended JSON. Encode the result with encodeURIComponent.
 */
export function encodeDocumentId(id: unknown): string {
  if (id instanceof ObjectId) return id.toHexString();
  if (typeof id === "string" && !/^[0-9a-f]{24}$/.test(id) && !id.startsWith("ejson:")) return id;
  return `ejson:${EJSON.stringify(id, { relaxed: false })}`;
}

/** The `_id` value a path segment made by encodeDocumentId stands for (after decodeURIComponent). */
export function decodeDocumentId(segment: string): unknown {
  if (/^[0-9a-f]{24}$/.test(segment)) return new ObjectId(segment);
  if (segment.startsWith("ejson:")) return EJSON.parse(segment.slice("ejson:".length), { relaxed: false });
  return segment;
}
