import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { saslBrokerAddresses } from "@/stack/kafka";
import { kafkaSaslAccount, kafkaStackTls } from "@/stack/kafka-credentials";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";

/**
 * The console against the stack broker's SASL_SSL listener: TLS with the stack's own CA, then
 * SASL with PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 — the settings a user gives for a managed
 * cluster (`KAFKA_TLS*`, `KAFKA_SASL_*`), a real handshake and a real authentication.
 */
const account = kafkaSaslAccount();
const tls = kafkaStackTls();
const secured: Record<string, string | undefined> = {
  KAFKA_BROKERS: saslBrokerAddresses(1).join(","),
  KAFKA_TLS: "true",
  KAFKA_TLS_CA_FILE: tls.ca,
  KAFKA_TLS_CERT_FILE: undefined,
  KAFKA_TLS_KEY_FILE: undefined,
  KAFKA_SASL_MECHANISM: "plain",
  KAFKA_SASL_USERNAME: account.username,
  KAFKA_SASL_PASSWORD: account.password,
  BACKEND_TIMEOUT_MS: "3000",
};
for (const [name, value] of Object.entries(secured)) vi.stubEnv(name, value);
const { resetKafkaClients } = await import("@/server/kafka/client");
const { resetMessageProducer } = await import("@/server/kafka/messages-client");
const { invalidate } = await import("@/server/cache");
const topicsRoute = await import("@/app/api/kafka/topics/route");
const messagesRoute = await import("@/app/api/kafka/topics/[topic]/messages/route");
const settingsRoute = await import("@/app/api/settings/route");

const topic = uniqueName("it-secured");
const admin = testKafka().admin(); // the plaintext listener, to set the scene

/** Settings are read once per process: start over with other ones (and no cached answers). */
async function reconfigure(settings: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries({ ...secured, ...settings })) vi.stubEnv(name, value);
  delete (globalThis as { eventdeckConfig?: unknown }).eventdeckConfig;
  resetKafkaClients();
  await resetMessageProducer();
  // The clients keep the settings they were made with.
  delete (globalThis as { eventdeckKafka?: unknown }).eventdeckKafka;
  delete (globalThis as { eventdeckKafkaMessages?: unknown }).eventdeckKafkaMessages;
  invalidate("");
}

type Handler = (request: Request, context: never) => Promise<Response>;
const context = (params: Record<string, string>) => ({ params: Promise.resolve(params) }) as never;

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
  await reconfigure({});
});

describe("Kafka over TLS with SASL", () => {
  it.each(["plain", "scram-sha-256", "scram-sha-512"])("signs in with %s over TLS and reads the cluster", async (mechanism) => {
    await reconfigure({ KAFKA_SASL_MECHANISM: mechanism });
    const { status, text } = await listTopics();
    expect(status, text).toBe(200);
    const body = JSON.parse(text) as { topics: Array<{ name: string; partitions: number }> };
    expect(body.topics.find((t) => t.name === topic)).toMatchObject({ partitions: 2 });
    expect(text).not.toContain(account.password);
  });

  it("produces and browses messages through the secured listener", async () => {
    await reconfigure({ KAFKA_SASL_MECHANISM: "scram-sha-512" });
    const value = `over TLS ${Date.now()}`;
    const produced = await (messagesRoute.POST as Handler)(
      new Request(`http://localhost/api/kafka/topics/${topic}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-eventdeck-csrf": "1" },
        body: JSON.stringify({ key: "k", value }),
      }),
      context({ topic }),
    );
    expect(produced.status, await produced.clone().text()).toBe(201);
    const browsed = await (messagesRoute.GET as Handler)(new Request(`http://localhost/api/kafka/topics/${topic}/messages?start=earliest`), context({ topic }));
    expect(browsed.status).toBe(200);
    expect(await browsed.text()).toContain(value);
  });

  it("keeps the password out of the settings it shows", async () => {
    await reconfigure({});
    const response = await settingsRoute.GET(new Request("http://localhost/api/settings"), {} as never);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain(account.password);
    expect(text).toContain("KAFKA_SASL_PASSWORD");
  });

  it("answers a wrong password with a 503 that says why, and never echoes the password", async () => {
    const wrong = `${account.password}-wrong`;
    await reconfigure({ KAFKA_SASL_MECHANISM: "scram-sha-256", KAFKA_SASL_PASSWORD: wrong });
    const { status, text } = await listTopics();
    expect(status, text).toBe(503);
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("KAFKA_UNAVAILABLE");
    expect(body.error.message).toMatch(/KAFKA_SASL_USERNAME/);
    expect(text).not.toContain(wrong);
  });

  it("answers a broker certificate it cannot trust with a 503 naming the TLS settings", async () => {
    await reconfigure({ KAFKA_TLS_CA_FILE: undefined }); // the system's CAs do not know the stack's
    const { status, text } = await listTopics();
    expect(status, text).toBe(503);
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("KAFKA_UNAVAILABLE");
    expect(body.error.message).toMatch(/TLS handshake failed .*KAFKA_TLS_CA_FILE/);
    expect(body.error.message).toMatch(/certificate/i);
  });

  it("answers TLS turned on against a listener without TLS with a 503 naming the TLS settings", async () => {
    await reconfigure({ KAFKA_BROKERS: stackAddresses.kafkaBrokers.join(","), KAFKA_SASL_MECHANISM: undefined });
    const { status, text } = await listTopics();
    expect(status, text).toBe(503);
    expect((JSON.parse(text) as { error: { message: string } }).error.message).toMatch(/TLS handshake failed .*KAFKA_TLS/);
  });

  it("answers a TLS file it cannot read with a 503 naming the setting", async () => {
    await reconfigure({ KAFKA_TLS_CA_FILE: join(tmpdir(), "eventdeck-no-such-ca.pem") });
    const { status, text } = await listTopics();
    expect(status, text).toBe(503);
    expect((JSON.parse(text) as { error: { message: string } }).error.message).toMatch(/cannot read KAFKA_TLS_CA_FILE .*ENOENT/);
  });

  it("presents a client certificate the broker's CA signed", async () => {
    await reconfigure({ KAFKA_TLS_CERT_FILE: tls.clientCert, KAFKA_TLS_KEY_FILE: tls.clientKey });
    const { status, text } = await listTopics();
    expect(status, text).toBe(200);
    expect(text).toContain(topic);
  });

  it("answers a client certificate the broker refuses with a 503 naming the TLS settings", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eventdeck-foreign-cert-"));
    try {
      // Signed by nobody the broker trusts.
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          join(dir, "key.pem"),
          "-out",
          join(dir, "cert.pem"),
          "-days",
          "1",
          "-subj",
          "/CN=stranger",
        ],
        { stdio: "ignore" },
      );
      await reconfigure({ KAFKA_TLS_CERT_FILE: join(dir, "cert.pem"), KAFKA_TLS_KEY_FILE: join(dir, "key.pem") });
      const { status, text } = await listTopics();
      expect(status, text).toBe(503);
      expect((JSON.parse(text) as { error: { message: string } }).error.message).toMatch(/TLS handshake failed .*KAFKA_TLS_CERT_FILE/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
