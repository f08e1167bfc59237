import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { kafkaSaslAccount, saslBrokerAddresses } from "@/stack/kafka";
import { testKafka, uniqueName } from "./support/stack";

/**
 * The console against the stack broker's SASL_PLAINTEXT listener (SASL/PLAIN): the same
 * settings a user gives for a managed cluster (`KAFKA_SASL_*`), a real authentication.
 */
const account = kafkaSaslAccount();
vi.stubEnv("KAFKA_BROKERS", saslBrokerAddresses(1).join(","));
vi.stubEnv("KAFKA_SASL_MECHANISM", "plain");
vi.stubEnv("KAFKA_SASL_USERNAME", account.username);
vi.stubEnv("KAFKA_SASL_PASSWORD", account.password);
vi.stubEnv("BACKEND_TIMEOUT_MS", "3000");
const { resetKafkaClients } = await import("@/server/kafka/client");
const { invalidate } = await import("@/server/cache");
const topicsRoute = await import("@/app/api/kafka/topics/route");
const settingsRoute = await import("@/app/api/settings/route");

const topic = uniqueName("it-sasl");
const admin = testKafka().admin(); // the plaintext listener, to set the scene

/** Settings are read once per process: start over with other ones (and no cached answers). */
function reconfigure(password: string) {
  vi.stubEnv("KAFKA_SASL_PASSWORD", password);
  delete (globalThis as { eventdeckConfig?: unknown }).eventdeckConfig;
  resetKafkaClients();
  delete (globalThis as { eventdeckKafka?: unknown }).eventdeckKafka; // the client keeps the credentials it was made with
  invalidate("");
}

const listTopics = async () => {
  const response = await topicsRoute.GET(new Request("http://localhost/api/kafka/topics"), {} as never);
  return { status: response.status, text: await response.text() };
};

beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  reconfigure(account.password);
});

describe("Kafka with SASL/PLAIN", () => {
  it("signs in with the configured account and reads the cluster", async () => {
    const { status, text } = await listTopics();
    expect(status).toBe(200);
    const body = JSON.parse(text) as { topics: Array<{ name: string; partitions: number }> };
    expect(body.topics.find((t) => t.name === topic)).toMatchObject({ partitions: 2 });
    expect(text).not.toContain(account.password);
  });

  it("keeps the password out of the settings it shows", async () => {
    const response = await settingsRoute.GET(new Request("http://localhost/api/settings"), {} as never);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain(account.password);
    expect(text).toContain("KAFKA_SASL_PASSWORD");
  });

  it("answers a wrong password with a 503 that says why, and never echoes the password", async () => {
    const wrong = `${account.password}-wrong`;
    reconfigure(wrong);
    const { status, text } = await listTopics();
    expect(status, text).toBe(503);
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("KAFKA_UNAVAILABLE");
    expect(body.error.message).toMatch(/SASL|authenticat/i);
    expect(text).not.toContain(wrong);
  });
});
