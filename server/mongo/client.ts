import "server-only";
import { MongoClient } from "mongodb";
import { getConfig } from "../config";
import { closeOnShutdown } from "../shutdown";

const cache = globalThis as unknown as { eventdeckMongo?: MongoClient };

/** The process's one MongoClient; the driver connects on first use and reconnects by itself. */
export function getMongoClient(): MongoClient {
  if (!cache.eventdeckMongo) {
    const config = getConfig();
    const client = new MongoClient(config.MONGODB_URI, {
      appName: "eventdeck",
      serverSelectionTimeoutMS: config.BACKEND_TIMEOUT_MS,
      connectTimeoutMS: config.BACKEND_TIMEOUT_MS,
      socketTimeoutMS: 4 * config.BACKEND_TIMEOUT_MS,
      maxPoolSize: 20,
    });
    cache.eventdeckMongo = client;
    closeOnShutdown("mongo", () => client.close());
  }
  return cache.eventdeckMongo;
}

/**
 * Forgets the process's client after its first connection failed: the driver then keeps a
 * closed topology and answers "Topology is closed" forever, so a console started while
 * MongoDB was down would never see it come back. The next call makes a new client.
 */
export function discardMongoClient(): void {
  const client = cache.eventdeckMongo;
  cache.eventdeckMongo = undefined;
  void client?.close().catch(() => undefined);
}
