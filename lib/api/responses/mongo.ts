import { z } from "zod";
import type { CollectionSummary, DatabaseSummary, DocumentsPage, ImportReport } from "@/lib/schemas/mongo-browse";
import type { AggregateResult, CreateIndexResult, DeleteDocumentResult, DocumentView, IndexInfo, IndexList } from "@/lib/schemas/mongo-document";
import { describes } from "./describes";

// Zod schemas of what the MongoDB routes answer, for the OpenAPI document only.

/** A document as canonical Extended JSON: any JSON object. */
const ejsonDocument = z.record(z.string(), z.unknown());

const databaseSummary = describes<DatabaseSummary>()(
  z.object({
    name: z.string(),
    sizeOnDisk: z.number().nullable(),
    dataSize: z.number().nullable(),
    collections: z.number().int().nullable(),
    system: z.boolean(),
  }),
);
export const databaseList = z.object({ databases: z.array(databaseSummary) });

export const collectionSummary = describes<CollectionSummary>()(
  z.object({
    name: z.string(),
    type: z.string(),
    estimatedCount: z.number().nullable(),
    exactCount: z.number().nullable().optional(),
    avgDocumentSize: z.number().nullable(),
    totalSize: z.number().nullable(),
    indexSize: z.number().nullable(),
    indexCount: z.number().int().nullable(),
  }),
);
export const collectionList = z.object({ database: z.string(), collections: z.array(collectionSummary) });
export const droppedDatabase = z.object({ database: z.string(), dropped: z.literal(true) });
export const droppedCollection = z.object({ collection: z.string(), dropped: z.literal(true) });

export const documentsPage = describes<DocumentsPage>()(
  z.object({
    documents: z.array(ejsonDocument),
    columns: z.array(z.string()),
    sort: z.record(z.string(), z.union([z.literal(1), z.literal(-1)])),
    limit: z.number().int(),
    next: z.string().nullable(),
    previous: z.string().nullable(),
    total: z.object({ count: z.number().nullable(), estimated: z.boolean() }),
  }),
);

export const documentView = describes<DocumentView>()(
  z.object({ id: z.string(), document: ejsonDocument, version: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int() }),
);
export const deleteDocumentResult = describes<DeleteDocumentResult>()(z.object({ deleted: z.literal(true), id: z.string() }));

export const importReport = describes<ImportReport>()(
  z.object({ inserted: z.number().int(), failed: z.array(z.object({ line: z.number().int(), reason: z.string() })) }),
);

const indexInfo = describes<IndexInfo>()(
  z.object({
    name: z.string(),
    keys: z.array(z.object({ field: z.string(), direction: z.union([z.number(), z.string()]) })),
    unique: z.boolean(),
    sparse: z.boolean(),
    expireAfterSeconds: z.number().optional(),
    partialFilterExpression: ejsonDocument.optional(),
    otherOptions: ejsonDocument,
    size: z.number().optional(),
  }),
);
export const indexList = describes<IndexList>()(z.object({ indexes: z.array(indexInfo) }));
export const createIndexResult = describes<CreateIndexResult>()(z.object({ index: indexInfo, warnings: z.array(z.string()) }));
export const droppedIndex = z.object({ dropped: z.string() });

export const aggregateResult = describes<AggregateResult>()(
  z.object({ results: z.array(ejsonDocument), truncated: z.boolean(), limit: z.number().int(), maxTimeMS: z.number().int(), tookMs: z.number() }),
);
