import { describe, expect, it, vi } from "vitest";

// Nothing listens on port 1: every Kafka call fails at once, as with a broker that is down.
vi.stubEnv("KAFKA_BROKERS", "127.0.0.1:1");
vi.stubEnv("BACKEND_TIMEOUT_MS", "1000");
const topicsRoute = await import("@/app/api/kafka/topics/route");
const groupsRoute = await import("@/app/api/kafka/groups/route");

describe("Kafka API with the broker unreachable", () => {
  it.each([
    ["topics", topicsRoute.GET, "/api/kafka/topics"],
    ["groups", groupsRoute.GET, "/api/kafka/groups"],
  ])("answers %s with 503 and a readable reason, never a 500", async (_name, handler, path) => {
    const started = Date.now();
    const response = await handler(new Request(`http://localhost${path}`), {} as never);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.error.code).toBe("KAFKA_UNAVAILABLE");
    expect(body.error.message).toMatch(/^Kafka is unavailable: /);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
