import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { KafkaMessage, ScanEvent } from "@/lib/schemas/kafka-messages";
import { readWithConfluent } from "./support/python-serdes";
import { callRoute, callRouteJson } from "./support/route-call";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";

// The Schemas page's operations against the stack's registry (Apicurio's Confluent API), and
// producing with a subject's schema, read back by confluent-kafka's deserializer.
vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
vi.stubEnv("SCHEMA_REGISTRY_URL", stackAddresses.schemaRegistryUrl);
const subjectsRoute = await import("@/app/api/schemas/subjects/route");
const subjectRoute = await import("@/app/api/schemas/subjects/[subject]/route");
const checkRoute = await import("@/app/api/schemas/subjects/[subject]/compatibility/route");
const versionsRoute = await import("@/app/api/schemas/subjects/[subject]/versions/route");
const configRoute = await import("@/app/api/schemas/subjects/[subject]/config/route");
const messagesRoute = await import("@/app/api/kafka/topics/[topic]/messages/route");

const kafka = testKafka();
const admin = kafka.admin();
const topic = uniqueName("it-schema-api");
const subject = `${topic}-value`;
const at = (s = subject) => `/api/schemas/subjects/${encodeURIComponent(s)}`;
const params = { subject };

const v1 = {
  type: "record",
  name: "Payment",
  namespace: "it",
  fields: [
    { name: "id", type: "string" },
    { name: "cents", type: "long" },
  ],
};
const v2 = { ...v1, fields: [...v1.fields, { name: "currency", type: "string", default: "EUR" }] };
const incompatible = { ...v1, fields: [...v1.fields, { name: "country", type: "string" }] };

beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  await fetch(`${stackAddresses.schemaRegistryUrl}/subjects/${subject}`, { method: "DELETE" }).catch(() => undefined);
  await fetch(`${stackAddresses.schemaRegistryUrl}/subjects/${subject}?permanent=true`, { method: "DELETE" }).catch(() => undefined);
});

describe("a subject's life through the console", () => {
  it("registers, checks, diffs, sets its level and is deleted after a typed confirmation", async () => {
    // Any schema may be the first version.
    const first = await callRouteJson(checkRoute.POST, "POST", `${at()}/compatibility`, { params, body: { schema: JSON.stringify(v1) } });
    expect(first).toMatchObject({ status: 200, body: { compatible: true, level: "BACKWARD" } });
    const registered = await callRouteJson(versionsRoute.POST, "POST", `${at()}/versions`, { params, body: { schema: JSON.stringify(v1) } });
    expect(registered).toMatchObject({ status: 201, body: { subject, version: 1 } });

    const refused = await callRouteJson(checkRoute.POST, "POST", `${at()}/compatibility`, { params, body: { schema: JSON.stringify(incompatible) } });
    expect(refused).toMatchObject({ status: 200, body: { compatible: false, level: "BACKWARD" } });
    const notRegistered = await callRouteJson(versionsRoute.POST, "POST", `${at()}/versions`, { params, body: { schema: JSON.stringify(incompatible) } });
    expect(notRegistered.status).toBe(422);
    expect(notRegistered.body.error.code).toBe("SCHEMA_INVALID");

    // A schema that does not parse is told with the parser's words before the registry sees it.
    const broken = await callRouteJson(checkRoute.POST, "POST", `${at()}/compatibility`, {
      params,
      body: { schema: '{"type":"record","name":"X","fields":[{"name":"a","type":"strin"}]}' },
    });
    expect(broken.status).toBe(422);
    expect(broken.body.error.message).toMatch(/^The Avro schema does not parse: .*strin/);

    expect((await callRouteJson(versionsRoute.POST, "POST", `${at()}/versions`, { params, body: { schema: JSON.stringify(v2) } })).body).toMatchObject({
      version: 2,
    });
    const detail = await callRouteJson(subjectRoute.GET, "GET", at(), { params });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ subject, compatibility: "BACKWARD", compatibilitySet: false, topic, part: "value" });
    expect(detail.body.versions.map((v: { version: number; type: string }) => [v.version, v.type])).toEqual([
      [1, "AVRO"],
      [2, "AVRO"],
    ]);
    expect(JSON.parse(detail.body.versions[1].schema)).toEqual(v2);

    const list = await callRouteJson(subjectsRoute.GET, "GET", "/api/schemas/subjects");
    expect(list.body.subjects.find((s: { subject: string }) => s.subject === subject)).toEqual({
      subject,
      latestVersion: 2,
      id: detail.body.versions[1].id,
      type: "AVRO",
      name: "it.Payment",
      compatibility: "BACKWARD",
      compatibilitySet: false,
      topic,
      part: "value",
    });

    expect(await callRouteJson(configRoute.PUT, "PUT", `${at()}/config`, { params, body: { compatibility: "FULL" } })).toMatchObject({ status: 200 });
    expect((await callRouteJson(subjectRoute.GET, "GET", at(), { params })).body).toMatchObject({ compatibility: "FULL", compatibilitySet: true });
    expect((await callRouteJson(configRoute.PUT, "PUT", `${at()}/config`, { params, body: { compatibility: "SOMETIMES" } })).status).toBe(400);
    await callRouteJson(configRoute.PUT, "PUT", `${at()}/config`, { params, body: { compatibility: "BACKWARD" } });
  });

  it("a message produced with the subject's schema is framed with its id and reads back through confluent-kafka's deserializer", async () => {
    const body = { key: "p-1", value: JSON.stringify({ id: "p-1", cents: "9007199254740993" }), valueFormat: "schema", valueSchema: { subject } };
    const produced = await callRouteJson(messagesRoute.POST, "POST", `/api/kafka/topics/${topic}/messages`, { params: { topic }, body });
    expect(produced).toMatchObject({ status: 201, body: { partition: 0, offset: "0" } });
    // A field of the wrong type: a 400 naming it, nothing written.
    const wrong = await callRouteJson(messagesRoute.POST, "POST", `/api/kafka/topics/${topic}/messages`, {
      params: { topic },
      body: { ...body, value: JSON.stringify({ id: 5, cents: 1 }) },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields).toEqual([{ path: "id", message: "expected string, got 5" }]);

    expect(readWithConfluent(topic, "avro").map((r) => r.value)).toEqual([{ id: "p-1", cents: "9007199254740993", currency: "EUR" }]);
    const { text } = await callRoute(messagesRoute.GET, "GET", `/api/kafka/topics/${topic}/messages?start=earliest`, { params: { topic } });
    const messages = text
      .split("\n\n")
      .filter(Boolean)
      .map((block) => JSON.parse(block.slice(block.indexOf("data: ") + 6)) as ScanEvent)
      .flatMap((e) => (e.type === "message" ? [e.message] : [])) as KafkaMessage[];
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!.value!.text)).toEqual({ id: "p-1", cents: "9007199254740993", currency: "EUR" });
    expect(messages[0]!.value!.schema).toMatchObject({ subject, version: 2, type: "AVRO" });
  });

  it("a delete needs the subject's name typed; a hard delete leaves nothing, and the subject is then a 404", async () => {
    const unconfirmed = await callRouteJson(subjectRoute.DELETE, "DELETE", at(), { params, body: { confirm: "something else" } });
    expect(unconfirmed.status).toBe(400);
    const deleted = await callRouteJson(subjectRoute.DELETE, "DELETE", at(), { params, body: { confirm: subject, permanent: true } });
    expect(deleted).toEqual({ status: 200, body: { subject, deleted: [1, 2], permanent: true } });
    const gone = await callRouteJson(subjectRoute.GET, "GET", at(), { params });
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe(`The Schema Registry has no subject "${subject}"`);
  });

  it("a registry that is down is a 503 with its address on the Schemas page's calls", async () => {
    vi.stubEnv("SCHEMA_REGISTRY_URL", "http://127.0.0.1:9/apis/ccompat/v7");
    delete (globalThis as { eventdeckConfig?: unknown }).eventdeckConfig;
    try {
      const { status, body } = await callRouteJson(subjectsRoute.GET, "GET", "/api/schemas/subjects");
      expect(status).toBe(503);
      expect(body.error).toMatchObject({
        code: "SCHEMA_REGISTRY_UNAVAILABLE",
        message: expect.stringMatching(/^The Schema Registry at http:\/\/127\.0\.0\.1:9\/apis\/ccompat\/v7 is unavailable/),
      });
    } finally {
      vi.stubEnv("SCHEMA_REGISTRY_URL", stackAddresses.schemaRegistryUrl);
      delete (globalThis as { eventdeckConfig?: unknown }).eventdeckConfig;
    }
  });
});
