import { z } from "zod";
import { collectionNameSchema, databaseNameSchema } from "./mongo";

/** Databases MongoDB keeps for itself: hidden unless asked for, never dropped from here. */
export const systemDatabases = ["admin", "local", "config"] as const;

const flag = z
  .enum(["true", "false", "1", "0"])
  .default("false")
  .transform((v) => v === "true" || v === "1");

export const databaseListQuerySchema = z.object({ system: flag });

export const databaseParams = z.object({ db: databaseNameSchema });

/** Typed confirmation for drops: `confirm` must repeat the name. */
export const dropConfirmSchema = z.object({
  confirm: z.string({ error: "type the name in `confirm` to drop it" }).max(255),
});

export const collectionListQuerySchema = z.object({ exact: flag });

export const createCollectionSchema = z.object({ name: collectionNameSchema });

export const renameCollectionSchema = z.object({ to: collectionNameSchema });

export const maxPageSize = 200;
export const defaultPageSize = 50;

/**
 * Longest texts that travel in a URL. Node refuses a request whose line and headers pass 16 KiB
 * (431, before any route runs), and past about 50 KiB the client loses the connection before it
 * can read that answer; percent-encoded, one character takes up to 12 bytes. Cursors are
 * base64url (one byte a character).
 */
export const maxUrlTextLength = { filter: 3_000, sort: 1_000, projection: 2_000, documentId: 2_000, cursor: 8 * 1024 } as const;

/** An opaque page cursor as the server writes it (encodeCursor). */
const cursorSchema = z
  .string()
  .max(maxUrlTextLength.cursor)
  .regex(/^[A-Za-z0-9_-]+$/, "a page cursor as the server wrote it");

/** Query string of the documents list; the EJSON inputs are parsed on the server by parseEjsonDocument. */
export const documentsQuerySchema = z
  .object({
    filter: z.string().max(maxUrlTextLength.filter).optional(),
    sort: z.string().max(maxUrlTextLength.sort).optional(),
    projection: z.string().max(maxUrlTextLength.projection).optional(),
    limit: z.coerce.number().int().min(1).max(maxPageSize).default(defaultPageSize),
    /** Opaque cursors made by the server: the page after / before the row they were taken from. */
    after: cursorSchema.optional(),
    before: cursorSchema.optional(),
    /** Start the page at this document (an `_id` as encodeDocumentId writes it). */
    startAt: z.string().min(1).max(maxUrlTextLength.documentId).optional(),
    exact: flag,
  })
  .refine((q) => [q.after, q.before, q.startAt].filter((v) => v !== undefined).length <= 1, "use at most one of after, before and startAt");
export type DocumentsQuery = z.infer<typeof documentsQuerySchema>;

export const exportQuerySchema = z.object({
  format: z.enum(["jsonl", "csv"]).default("jsonl"),
  filter: z.string().max(maxUrlTextLength.filter).optional(),
  sort: z.string().max(maxUrlTextLength.sort).optional(),
  projection: z.string().max(maxUrlTextLength.projection).optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** An import body is JSON lines of at most this many bytes. */
export const maxImportBytes = 10 * 1024 * 1024;

export interface DatabaseSummary {
  name: string;
  sizeOnDisk: number | null;
  dataSize: number | null;
  collections: number | null;
  system: boolean;
}

export interface CollectionSummary {
  name: string;
  type: string;
  /** From the server's collection statistics (cheap); null when the server did not say. */
  estimatedCount: number | null;
  /** Only when asked for (`exact=true`): counted by the server within its time limit. */
  exactCount?: number | null;
  avgDocumentSize: number | null;
  totalSize: number | null;
  indexSize: number | null;
  indexCount: number | null;
}

export interface DocumentsTotal {
  count: number | null;
  /** true: from collection statistics (and null under a filter); false: counted with the filter. */
  estimated: boolean;
}

export interface DocumentsPage {
  /** Canonical Extended JSON of each document. */
  documents: Record<string, unknown>[];
  /** Top-level fields seen in a sample of the collection (with the projection), `_id` first. */
  columns: string[];
  /** The sort in effect, `_id` last as the tie breaker. */
  sort: Record<string, 1 | -1>;
  limit: number;
  next: string | null;
  previous: string | null;
  total: DocumentsTotal;
}

export interface ImportReport {
  inserted: number;
  failed: Array<{ line: number; reason: string }>;
}
