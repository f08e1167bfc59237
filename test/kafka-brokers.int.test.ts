import type { Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { BrokerDetail, BrokerInfo } from "@/lib/schemas/kafka";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";
import { callRouteJson as callRoute } from "./support/route-call";

vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
const brokersRoute = await import("@/app/api/kafka/brokers/route");
const brokerRoute = await import("@/app/api/kafka/brokers/[broker]/route");

const kafka = testKafka();
const topic = uniqueName("it-brokers");
let admin: Admin;

const call = (handler: (r: Request, c: never) => Promise<Response>, params: Record<string, string> = {}) =>
  callRoute(handler, "GET", "/api/kafka/brokers", { params });

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 200 }, (_, i) => ({ value: `payload-${i}-${"x".repeat(500)}` })) });
  await producer.disconnect();
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe("brokers API on the real broker", () => {
  it("lists the broker with its bytes on disk, from DescribeLogDirs", async () => {
    const { status, body } = await call(brokersRoute.GET);
    expect(status).toBe(200);
    const brokers = (body as { brokers: BrokerInfo[] }).brokers;
    expect(brokers.map((b) => b.nodeId)).toEqual([1]);
    expect(brokers[0]).toMatchObject({ host: "127.0.0.1", isController: true, logDirError: null });
    // 200 records of ~510 bytes are on disk at least.
    expect(brokers[0]!.logDirBytes).toBeGreaterThan(100_000);
  });

  it("describes one broker: the topic's size in its log directory, and its configs with overrides marked", async () => {
    const { status, body } = await call(brokerRoute.GET, { broker: "1" });
    expect(status).toBe(200);
    const broker = body as BrokerDetail;
    const here = broker.logDirs.flatMap((d) => d.topics).find((t) => t.topic === topic);
    expect(here?.partitions).toBe(2);
    expect(here?.bytes).toBeGreaterThan(100_000);
    // Set in the stack's server.properties, so not a default; a setting we never touch is.
    expect(broker.configs.find((c) => c.name === "auto.create.topics.enable")).toMatchObject({ value: "false", isDefault: false });
    expect(broker.configs.find((c) => c.name === "compression.type")).toMatchObject({ isDefault: true });
    expect(broker.configs.filter((c) => c.sensitive).every((c) => c.value === null)).toBe(true);
  });

  it("answers 404 for a broker not in the cluster and 400 for a malformed id", async () => {
    expect((await call(brokerRoute.GET, { broker: "99" })).status).toBe(404);
    const bad = await call(brokerRoute.GET, { broker: "one" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/broker/);
  });
});
