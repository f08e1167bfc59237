import { z } from "zod";
import { namespaceParams } from "./mongo";
import { maxUrlTextLength } from "./mongo-browse";

/** MongoDB's limit for one document, and so for one saved or inserted document. */
export const maxDocumentBytes = 16 * 1024 * 1024;
/** A request body may be larger than the BSON it becomes (Extended JSON spells types out, base64 grows binary by a third). */
export const maxDocumentBodyBytes = 4 * maxDocumentBytes;
/** Aggregate results per run, at most. */
export const maxAggregateLimit = 1000;
export const maxAggregateTimeMs = 60_000;

/** A document's version: the SHA-256 of its BSON bytes as the server returned them, in hex. */
export const documentVersionSchema = z.string().regex(/^[0-9a-f]{64}$/, "a version token as returned when the document was loaded");

const ejsonText = (what: string) => z.string().min(1, `${what} is empty`).max(maxDocumentBodyBytes);

/** Path parameters of …/documents/:id; the id segment is decoded by documentIdFromSegment and must fit in a URL. */
export const documentParams = namespaceParams.extend({ id: z.string().min(1).max(maxUrlTextLength.documentId) });

export const saveDocumentSchema = z.object({
  /** The whole document as Extended JSON text; its `_id` must be the one in the URL. */
  document: ejsonText("the document"),
  version: documentVersionSchema,
});
export type SaveDocumentInput = z.infer<typeof saveDocumentSchema>;

export const insertDocumentSchema = z.object({
  /** Extended JSON text; without `_id` the driver assigns an ObjectId. */
  document: ejsonText("the document"),
});
export type InsertDocumentInput = z.infer<typeof insertDocumentSchema>;

/** Deleting needs the version the operator looked at (refused when the document changed since), or an explicit confirm. */
export const deleteDocumentSchema = z
  .object({ version: documentVersionSchema.optional(), confirm: z.literal(true).optional() })
  .refine((input) => input.version !== undefined || input.confirm === true, "send the version the document was loaded with, or confirm: true");
export type DeleteDocumentInput = z.infer<typeof deleteDocumentSchema>;
/** The same as query parameters (they win over the body): `?version=…` or `?confirm=true`. */
export const deleteDocumentQuerySchema = z.object({
  version: documentVersionSchema.optional(),
  confirm: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => (value === "true" ? (true as const) : undefined)),
});

/** One document as the API returns it: canonical Extended JSON, so every BSON type survives the trip to the editor and back. */
export interface DocumentView {
  /** The `_id` as one URL path segment (encodeDocumentId). */
  id: string;
  document: Record<string, unknown>;
  version: string;
  /** Size of the stored BSON. */
  bytes: number;
}

export interface DeleteDocumentResult {
  deleted: true;
  id: string;
}

// Indexes

const indexFieldSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((field) => !field.startsWith("$"), "index fields cannot start with $");
export const indexDirectionSchema = z.union([z.literal(1), z.literal(-1), z.enum(["text", "hashed", "2d", "2dsphere"])]);
export type IndexDirection = z.infer<typeof indexDirectionSchema>;

export const indexNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\u0000]+$/, "index names cannot contain NUL");

/** Path parameters of …/indexes/:name. */
export const indexParams = namespaceParams.extend({ name: indexNameSchema });

export const createIndexSchema = z.object({
  /** Either Extended JSON text of the key document (`{"status":1,"createdAt":-1}`), or fields with directions in order. */
  keys: z.union([
    z.string().min(2).max(16_384),
    z
      .array(z.object({ field: indexFieldSchema, direction: indexDirectionSchema }))
      .min(1)
      .max(32),
  ]),
  name: indexNameSchema.optional(),
  unique: z.boolean().optional(),
  sparse: z.boolean().optional(),
  /** TTL: documents expire this many seconds after the date in the (single) key field. */
  expireAfterSeconds: z.number().int().min(0).max(2_147_483_647).optional(),
  /** Extended JSON text of a filter; only documents matching it are indexed. */
  partialFilterExpression: z.string().min(2).max(16_384).optional(),
});
export type CreateIndexInput = z.infer<typeof createIndexSchema>;

export const dropIndexSchema = z.object({
  /** The index's name typed again. */
  confirm: indexNameSchema,
});

export interface IndexInfo {
  name: string;
  /** The key fields in index order; a direction is 1, -1 or an index type ("text", "hashed", …). */
  keys: Array<{ field: string; direction: number | string }>;
  unique: boolean;
  sparse: boolean;
  expireAfterSeconds?: number;
  partialFilterExpression?: Record<string, unknown>;
  /** Any other option the server lists (collation, hidden, weights, …) as canonical Extended JSON. */
  otherOptions: Record<string, unknown>;
  /** Bytes, when the server reports index sizes. */
  size?: number;
}

export interface IndexList {
  indexes: IndexInfo[];
}

export interface CreateIndexResult {
  index: IndexInfo;
  /** Options the server accepted without error but does not list on the index it made (it ignored them). */
  warnings: string[];
}

// Aggregate

export const aggregateSchema = z.object({
  /** Extended JSON text of an array of stages. */
  pipeline: z.string().min(2).max(1_048_576),
  limit: z.number().int().min(1).max(maxAggregateLimit).default(100),
  maxTimeMS: z.number().int().min(1).max(maxAggregateTimeMs).optional(),
});
export type AggregateInput = z.input<typeof aggregateSchema>;

export interface AggregateResult {
  /** Canonical Extended JSON documents. */
  results: Record<string, unknown>[];
  /** More results exist than `limit` (or than the byte budget allowed). */
  truncated: boolean;
  limit: number;
  maxTimeMS: number;
  tookMs: number;
}
