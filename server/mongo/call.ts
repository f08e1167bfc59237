import "server-only";
import { getConfig } from "../config";
import { timedBackendCall } from "../metrics/registry";
import { MongoServerSelectionError, MongoTopologyClosedError } from "mongodb";
import { discardMongoClient } from "./client";
import { toMongoError } from "./errors";

/** The server-side time limit every query and command carries (`maxTimeMS`). */
export function mongoMaxTimeMs(): number {
  return getConfig().BACKEND_TIMEOUT_MS * 3;
}

/**
 * Runs one MongoDB operation, records its latency, and turns driver failures into our
 * errors: an unreachable server is a 503, a refused command a 422 with the server's words.
 */
export async function mongoCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await timedBackendCall("mongo", operation, call);
  } catch (error) {
    if (error instanceof MongoServerSelectionError || error instanceof MongoTopologyClosedError) discardMongoClient();
    throw toMongoError(error);
  }
}
