import { describe, expect, it, vi } from "vitest";
import { stackAddresses } from "./support/stack";

// Nothing listens on port 1: every MongoDB call fails, as with a server that is down. Kafka stays up.
vi.stubEnv("MONGODB_URI", "mongodb://127.0.0.1:1/");
vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
vi.stubEnv("BACKEND_TIMEOUT_MS", "1000");
const databasesRoute = await import("@/app/api/mongo/databases/route");
const collectionsRoute = await import("@/app/api/mongo/databases/[db]/collections/route");
const documentsRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/documents/route");
const exportRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/export/route");
const topicsRoute = await import("@/app/api/kafka/topics/route");

const params = { db: "orders", collection: "orders" };

describe("MongoDB API with the server unreachable", () => {
  it.each([
    ["databases", databasesRoute.GET, "/api/mongo/databases"],
    ["collections", collectionsRoute.GET, "/api/mongo/databases/orders/collections"],
    ["documents", documentsRoute.GET, "/api/mongo/databases/orders/collections/orders/documents"],
    ["export", exportRoute.GET, "/api/mongo/databases/orders/collections/orders/export"],
  ])("answers %s with 503 and a readable reason, never a 500", async (_name, handler, path) => {
    const started = Date.now();
    const response = await handler(new Request(`http://localhost${path}`), { params: Promise.resolve(params) } as never);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.error.code).toBe("MONGO_UNAVAILABLE");
    expect(body.error.message).toMatch(/^MongoDB is unavailable: /);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("still answers Kafka's pages", async () => {
    const response = await topicsRoute.GET(new Request("http://localhost/api/kafka/topics"), {} as never);
    expect(response.status).toBe(200);
    expect((await response.json()).topics).toBeInstanceOf(Array);
  });
});
