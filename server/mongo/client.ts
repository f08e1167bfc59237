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
