import type { Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { BrokerInfo, KafkaOverview } from "@/lib/schemas/kafka";
import { startKafkaNode, stopKafkaNode } from "@/stack/kafka";
import { stackAddresses, testKafka, uniqueName } from "../support/stack";

// Runs against `npm run stack -- up --brokers 3` (npm test starts that cluster for this suite).
vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
const overviewRoute = await import("@/app/api/kafka/overview/route");
const topicsRoute = await import("@/app/api/kafka/topics/route");
const topicRoute = await import("@/app/api/kafka/topics/[topic]/route");
const groupsRoute = await import("@/app/api/kafka/groups/route");
const brokersRoute = await import("@/app/api/kafka/brokers/route");

const topic = uniqueName("it-failover");
const groupId = uniqueName("it-failover-group");
let admin: Admin;

async function get<T>(handler: (r: Request, c: never) => Promise<Response>, params: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await handler(new Request("http://localhost/api/kafka"), { params: Promise.resolve(params) } as never);
  return { status: response.status, body: (await response.json()) as T };
}

/** Polls the overview until `done` holds; returns the time it took. */
async function waitForOverview(done: (o: KafkaOverview) => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    const { status, body } = await get<KafkaOverview>(overviewRoute.GET);
    last = body;
    if (status === 200 && done(body)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the overview did not get there within ${timeoutMs} ms; last answer: ${JSON.stringify(last)}`);
}

beforeAll(async () => {
  admin = testKafka().admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ value: `m${i}` })) });
  await producer.disconnect();
  await admin.setOffsets({ groupId, topic, partitions: [0, 1, 2].map((partition) => ({ partition, offset: "0" })) });
});

afterAll(async () => {
  // Whatever happened, leave the cluster whole for the next suite.
  await startKafkaNode(3);
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
}, 120_000);

describe("one of three brokers dies", () => {
  it("shows the broker gone and the under-replicated partitions within 10 s, every page still answers, and a restart clears it", async () => {
    await waitForOverview((o) => o.brokers.length === 3 && o.underReplicatedPartitions === 0, 30_000);

    expect(await stopKafkaNode(3)).toBe(true);
    const noticed = await waitForOverview((o) => !o.brokers.some((b) => b.nodeId === 3) && o.underReplicatedPartitions >= 3, 10_000);
    expect(noticed).toBeLessThan(10_000);
    console.info(`overview showed broker 3 gone and its partitions under-replicated after ${noticed} ms`);

    // Every page's API still answers, with the survivors' view of the cluster.
    const topics = await get<{ topics: Array<{ name: string; underReplicated: number; messages: string }> }>(topicsRoute.GET);
    expect(topics.status).toBe(200);
    expect(topics.body.topics.find((t) => t.name === topic)).toMatchObject({ underReplicated: 3, messages: "30" });
    const detail = await get<{ partitionDetails: Array<{ leader: number; isr: number[] }> }>(topicRoute.GET, { topic });
    expect(detail.status).toBe(200);
    for (const p of detail.body.partitionDetails) {
      expect(p.leader).not.toBe(3);
      expect(p.isr).not.toContain(3);
    }
    const groups = await get<{ groups: Array<{ groupId: string; totalLag: string }> }>(groupsRoute.GET);
    expect(groups.status).toBe(200);
    expect(groups.body.groups.find((g) => g.groupId === groupId)?.totalLag).toBe("30");
    const brokers = await get<{ brokers: BrokerInfo[] }>(brokersRoute.GET);
    expect(brokers.status).toBe(200);
    expect(brokers.body.brokers.map((b) => b.nodeId)).toEqual([1, 2]);

    await startKafkaNode(3);
    await waitForOverview((o) => o.brokers.length === 3 && o.underReplicatedPartitions === 0, 60_000);
  }, 120_000);
});
