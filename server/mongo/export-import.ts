import "server-only";
import { EJSON } from "bson";
import { MongoBulkWriteError, type Document } from "mongodb";
import { parseEjsonDocument } from "@/lib/mongo/ejson";
import type { ExportQuery, ImportReport } from "@/lib/schemas/mongo-browse";
import { AppError, errorMessage } from "../http/errors";
import { getLogger } from "../log";
import { mongoCall, mongoMaxTimeMs } from "./call";
import { getMongoClient } from "./client";
import { collectionStats } from "./collections";
import { assertNamespaceExists, type Namespace } from "./namespace";
import { columnsOf, parseQueryInputs, withTimeLimit } from "./documents";

const exportBatchSize = 1_000;
const importBatchSize = 1_000;

/** A CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A value in a CSV cell: strings as they are, everything else as relaxed Extended JSON, missing as empty. */
export function csvValue(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return EJSON.stringify(value, { relaxed: true });
}

export interface ExportStream {
  stream: ReadableStream<Uint8Array>;
  contentType: string;
  fileName: string;
  /** From collection statistics when there is no filter; null otherwise. */
  estimatedTotal: number | null;
}

/**
 * Streams the documents matching the query as JSON lines (canonical Extended JSON) or CSV
 * (columns from a sample of ~100 documents). Reads the cursor batch by batch as the client
 * takes them, so memory stays flat; the query's time limit is 20× a page's.
 */
export async function exportDocuments(ns: Namespace, query: ExportQuery): Promise<ExportStream> {
  const { db, collection } = ns;
  const { filter, projection } = parseQueryInputs(query);
  const sort = query.sort?.trim() ? parseEjsonDocument(query.sort, "sort") : undefined;
  await assertNamespaceExists(ns);
  const coll = getMongoClient().db(db).collection(collection);
  const stats = Object.keys(filter).length === 0 ? await collectionStats(ns) : undefined;
  const estimatedTotal = stats?.count === undefined ? null : Number(stats.count);
  const columns =
    query.format === "csv"
      ? columnsOf(await mongoCall("find", () => coll.find(filter, { limit: 100, projection, maxTimeMS: mongoMaxTimeMs() }).toArray()))
      : [];
  const cursor = coll.find(filter, { sort, projection, batchSize: exportBatchSize, maxTimeMS: mongoMaxTimeMs() * 20 });
  const encoder = new TextEncoder();
  let headerSent = false;

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const lines: string[] = [];
        if (query.format === "csv" && !headerSent) {
          lines.push(columns.map(csvField).join(","));
          headerSent = true;
        }
        let done = false;
        while (lines.length < exportBatchSize) {
          const doc = await withTimeLimit("the export", () => cursor.next());
          if (!doc) {
            done = true;
            break;
          }
          lines.push(
            query.format === "csv" ? columns.map((c) => csvField(csvValue((doc as Document)[c]))).join(",") : EJSON.stringify(doc, { relaxed: false }),
          );
        }
        if (lines.length) controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
        if (done) {
          controller.close();
          await cursor.close();
        }
      } catch (error) {
        getLogger().warn({ err: errorMessage(error), db, collection }, "export stopped");
        controller.error(error);
        await cursor.close().catch(() => undefined);
      }
    },
    async cancel() {
      await cursor.close().catch(() => undefined);
    },
  });
  const stamp = new Date().toISOString().replaceAll(":", "-").slice(0, 19);
  return {
    stream,
    contentType: query.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    fileName: `${db}.${collection}-${stamp}.${query.format === "csv" ? "csv" : "jsonl"}`,
    estimatedTotal: Number.isFinite(estimatedTotal) ? estimatedTotal : null,
  };
}

/**
 * Inserts JSON lines (Extended JSON, one document a line; blank lines skipped) in unordered
 * batches of 1,000: a bad line or a refused document (duplicate `_id`…) is reported with its
 * line number and the rest still go in.
 */
export async function importDocuments(ns: Namespace, body: string): Promise<ImportReport> {
  const { db, collection } = ns;
  await assertNamespaceExists(ns);
  const coll = getMongoClient().db(db).collection(collection);
  const failed: ImportReport["failed"] = [];
  const parsed: Array<{ line: number; doc: Document }> = [];
  body.split("\n").forEach((text, i) => {
    if (!text.trim()) return;
    try {
      parsed.push({ line: i + 1, doc: parseEjsonDocument(text.replace(/\r$/, ""), `line ${i + 1}`) });
    } catch (error) {
      failed.push({ line: i + 1, reason: errorMessage(error) });
    }
  });
  let inserted = 0;
  const insert = async (batch: typeof parsed) => {
    const result = await mongoCall("insertMany", async () => {
      try {
        return await coll.insertMany(
          batch.map((p) => p.doc),
          { ordered: false },
        );
      } catch (error) {
        if (error instanceof MongoBulkWriteError) return error;
        throw error;
      }
    });
    if (!(result instanceof MongoBulkWriteError)) {
      inserted += result.insertedCount;
      return;
    }
    const errors = Array.isArray(result.writeErrors) ? result.writeErrors : [result.writeErrors];
    if (errors.length === 0) throw result; // not a refusal per document: the whole batch failed
    inserted += result.result.insertedCount;
    for (const writeError of errors) failed.push({ line: batch[writeError.index]!.line, reason: writeError.errmsg ?? "refused by the server" });
  };
  for (let i = 0; i < parsed.length; i += importBatchSize) {
    const batch = parsed.slice(i, i + importBatchSize);
    try {
      await insert(batch);
    } catch (error) {
      if (error instanceof AppError && error.code === "MONGO_UNAVAILABLE") throw error;
      // The server refused the whole batch (FerretDB does so for a type it lacks): one by one, to name the lines.
      for (const one of batch) {
        try {
          await insert([one]);
        } catch (single) {
          if (single instanceof AppError && single.code === "MONGO_UNAVAILABLE") throw single;
          failed.push({ line: one.line, reason: errorMessage(single) });
        }
      }
    }
  }
  failed.sort((a, b) => a.line - b.line);
  return { inserted, failed };
}
