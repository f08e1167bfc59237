import { afterEach, describe, expect, it, vi } from "vitest";
import { stackAddresses } from "./support/stack";

/** Loads the server's health module with a fresh config and fresh backend clients built from `env`. */
async function loadHealth(env: Record<string, string>) {
  vi.resetModules();
  for (const key of ["eventdeckConfig", "eventdeckKafka", "eventdeckMongo"]) {
    delete (globalThis as Record<string, unknown>)[key];
  }
  vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
  vi.stubEnv("MONGODB_URI", stackAddresses.mongoUri);
  vi.stubEnv("PROMETHEUS_URL", stackAddresses.prometheusUrl);
  vi.stubEnv("BACKEND_TIMEOUT_MS", "2000");
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  return import("@/server/health");
}

describe("checkHealth against the real stack", () => {
  afterEach(async () => {
    const cache = globalThis as { eventdeckMongo?: { close(): Promise<void> } };
    await cache.eventdeckMongo?.close();
    vi.unstubAllEnvs();
  });

  it("reports all three backends up, with versions where they tell them", async () => {
    const { checkHealth } = await loadHealth({});
    const report = await checkHealth();
    expect(report.backends.kafka).toMatchObject({ status: "up", summary: expect.stringMatching(/^\d+ brokers?, controller \d+/) });
    expect(report.backends.mongo).toMatchObject({ status: "up", version: expect.any(String) });
    expect(report.backends.prometheus).toMatchObject({ status: "up", version: expect.stringMatching(/^Prometheus \d/) });
  });

  it("reports a backend that is down with its reason and keeps the others up", async () => {
    // Port 1 on loopback: nothing listens there, so connections are refused at once.
    const { checkHealth } = await loadHealth({ PROMETHEUS_URL: "http://127.0.0.1:1", KAFKA_BROKERS: "127.0.0.1:1" });
    const started = Date.now();
    const report = await checkHealth();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.backends.prometheus).toMatchObject({ status: "down", reason: expect.stringContaining("Prometheus is unavailable") });
    expect(report.backends.kafka).toMatchObject({ status: "down", reason: expect.stringMatching(/Kafka/) });
    expect(report.backends.mongo.status).toBe("up");
  });

  it("never shows MongoDB credentials in the report", async () => {
    const uri = stackAddresses.mongoUri.replace("mongodb://", "mongodb://admin:hunter2@");
    const { checkHealth } = await loadHealth({ MONGODB_URI: uri });
    const report = await checkHealth();
    expect(JSON.stringify(report)).not.toContain("hunter2");
    expect(report.backends.mongo.target).toContain("***@");
  });
});
