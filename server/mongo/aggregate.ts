import "server-only";
import { deserialize, type Document } from "bson";
import { EjsonInputError, parseEjson, toEjson } from "@/lib/mongo/ejson";
import type { AggregateResult } from "@/lib/schemas/mongo-document";
import { AppError } from "../http/errors";
import { getConfig } from "../config";
import { mongoCall, mongoMaxTimeMs } from "./call";
import { getMongoClient } from "./client";
import { bsonReadOptions } from "./document";
import { assertNamespaceExists, type Namespace } from "./namespace";

/** Stages that write: a console pipeline only reads. */
export const writingStages = ["$out", "$merge"] as const;

/** Results of one run are also capped in bytes, so 1,000 large documents cannot fill the server's memory. */
const maxResultBytes = 16 * 1024 * 1024;

/** The first writing stage anywhere in the pipeline (sub-pipelines included), with its path. */
function findWritingStage(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findWritingStage(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== "object" || "_bsontype" in value) return undefined;
  for (const [key, child] of Object.entries(value)) {
    if ((writingStages as readonly string[]).includes(key)) return `${key} at ${path}`;
    const found = findWritingStage(child, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * A pipeline from Extended JSON text: an array of stages of one `$` key each; server-side JavaScript
 * is refused by the parser, `$out` and `$merge` here (400 naming the stage).
 */
export function parsePipeline(text: string): Document[] {
  const pipeline = parseEjson(text, "The pipeline");
  if (!Array.isArray(pipeline)) throw new EjsonInputError("The pipeline must be a JSON array of stages");
  pipeline.forEach((stage: unknown, i) => {
    const keys = stage && typeof stage === "object" && !Array.isArray(stage) ? Object.keys(stage) : [];
    if (keys.length !== 1 || !keys[0]!.startsWith("$")) {
      throw new EjsonInputError(`The pipeline: stage ${i + 1} must be an object with one stage name such as {"$match": {…}}`);
    }
  });
  const writing = findWritingStage(pipeline, "pipeline");
  if (writing) throw new AppError("BAD_REQUEST", `The pipeline writes (${writing}): only read-only pipelines run here`);
  return pipeline as Document[];
}

/**
 * The time limit a run gets: what was asked (or the default), below the driver's socket timeout
 * so the server's own "time limit exceeded" answer arrives instead of a dropped connection.
 */
export function effectiveMaxTimeMs(requested: number | undefined): number {
  const socketBudget = 4 * getConfig().BACKEND_TIMEOUT_MS - 1000;
  return Math.max(1, Math.min(requested ?? mongoMaxTimeMs(), socketBudget));
}

/**
 * Runs a read-only pipeline with `$limit` (limit + 1, to know whether more exist) appended and a
 * time limit; results as canonical Extended JSON. One aggregate and its getMores; when nothing
 * comes back, one or two more round trips to tell an empty result from a missing collection.
 */
export async function runAggregate(ns: Namespace, text: string, limit: number, maxTimeMS?: number): Promise<AggregateResult> {
  const pipeline = [...parsePipeline(text), { $limit: limit + 1 }];
  const timeLimit = effectiveMaxTimeMs(maxTimeMS);
  const started = performance.now();
  const { results, truncated } = await mongoCall("aggregate", async () => {
    const cursor = getMongoClient().db(ns.db).collection(ns.collection).aggregate(pipeline, { raw: true, maxTimeMS: timeLimit });
    const results: Record<string, unknown>[] = [];
    let bytes = 0;
    let truncated = false;
    try {
      for await (const raw of cursor as AsyncIterable<Buffer>) {
        bytes += raw.length;
        if (results.length === limit || bytes > maxResultBytes) {
          truncated = true;
          break;
        }
        results.push(toEjson(deserialize(raw, bsonReadOptions)) as Record<string, unknown>);
      }
    } finally {
      await cursor.close();
    }
    return { results, truncated };
  });
  const tookMs = Math.round(performance.now() - started);
  if (results.length === 0) await assertNamespaceExists(ns);
  return { results, truncated, limit, maxTimeMS: timeLimit, tookMs };
}
