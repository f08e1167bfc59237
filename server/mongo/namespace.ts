import "server-only";
import { MongoNetworkError, MongoServerError } from "mongodb";
import { AppError } from "../http/errors";
import { getMongoClient } from "./client";
import { mongoCall } from "./call";
import { assertDatabaseExists } from "./databases";

/** A collection named by the operator (validated names). */
export interface Namespace {
  db: string;
  collection: string;
}

/**
 * A write the server answered by closing the connection. If the server answers a ping at once it
 * is up and it was this document it could not take — FerretDB 1.x does that for Decimal128, MinKey,
 * MaxKey and NaN — so say so (422) instead of calling MongoDB unavailable.
 */
export async function writeRefusal(error: unknown, unsupported: string[]): Promise<never> {
  if (!(error instanceof MongoNetworkError)) throw error;
  const up = await getMongoClient()
    .db("admin")
    .command({ ping: 1 })
    .then(() => true)
    .catch(() => false);
  if (!up) throw error;
  const which = unsupported.length > 0 ? ` It holds values this server is known not to store: ${unsupported.join(", ")}.` : "";
  throw new AppError(
    "MONGO_REFUSED",
    `MongoDB closed the connection instead of storing the document, and answers other commands: it cannot take a value in it.${which}`,
  );
}

/** 404 naming what is missing: the database (one more round trip), or the collection in it. */
export async function namespaceNotFound(ns: Namespace): Promise<AppError> {
  await assertDatabaseExists(ns.db);
  return new AppError("COLLECTION_NOT_FOUND", `Collection ${ns.db}.${ns.collection} does not exist`);
}

/** A catch handler turning the server's NamespaceNotFound (code 26) into our 404 naming what is missing. */
export function whenNamespaceMissing(ns: Namespace): (error: unknown) => Promise<never> {
  return async (error) => {
    if (error instanceof MongoServerError && error.code === 26) throw await namespaceNotFound(ns);
    throw error;
  };
}

/** The one existence check: a 404 naming the database or the collection unless `ns` exists (one round trip; two when it does not). */
export async function assertNamespaceExists(ns: Namespace): Promise<void> {
  const found = await mongoCall("listCollections", () => getMongoClient().db(ns.db).listCollections({ name: ns.collection }, { nameOnly: true }).toArray());
  if (found.length === 0) throw await namespaceNotFound(ns);
}
