import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cacheDir, kafkaReleases, defaultKafkaLine } from "@/stack/settings";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";
import { callRouteJson as callRoute } from "./support/route-call";

vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
const topicsRoute = await import("@/app/api/kafka/topics/route");
const topicRoute = await import("@/app/api/kafka/topics/[topic]/route");
const groupsRoute = await import("@/app/api/kafka/groups/route");
const overviewRoute = await import("@/app/api/kafka/overview/route");

const topic = uniqueName("it-api");
const groupId = uniqueName("it-api-group");
const kafka = testKafka();
let admin: Admin;

const call = (handler: (r: Request, c: never) => Promise<Response>, url: string, params?: Record<string, string>) => callRoute(handler, "GET", url, { params });

/** Lag per partition as Kafka's own kafka-consumer-groups tool reports it. */
function lagFromKafkaTool(group: string): Map<string, string> {
  const libs = join(cacheDir, `kafka-${kafkaReleases[defaultKafkaLine].version}`, "libs", "*");
  const out = execFileSync(
    "java",
    [
      "-Xmx256m",
      "-cp",
      libs,
      "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
      "--bootstrap-server",
      stackAddresses.kafkaBrokers[0]!,
      "--describe",
      "--group",
      group,
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
  const lags = new Map<string, string>();
  for (const line of out.split("\n")) {
    const cols = line.trim().split(/\s+/);
    if (cols[1] === topic) lags.set(`${cols[1]}/${cols[2]}`, cols[5]!);
  }
  return lags;
}

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
  await producer.disconnect();
  // A group that has read partition 0 up to offset 2 and never committed the others.
  await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: "2" }] });
}, 60_000);

afterAll(async () => {
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe("Kafka API routes on the real broker", () => {
  it("lists the topic with its partitions and retained messages, internal topics hidden", async () => {
    const { status, body } = await call(topicsRoute.GET, `/api/kafka/topics?search=${topic}`);
    expect(status).toBe(200);
    expect(body.topics).toEqual([
      {
        name: topic,
        internal: false,
        partitions: 3,
        replicationFactor: 1,
        underReplicated: 0,
        messages: "30",
        bytes: expect.any(Number),
        // null until Prometheus has scraped a console's end offsets of the topic; then 0 (nothing is produced to it now).
        producedPerSecond: expect.toSatisfy((rate: unknown) => rate === null || rate === 0),
      },
    ]);
    // 30 small records in three batches are on disk.
    expect(body.topics[0].bytes).toBeGreaterThan(30 * 10);
    const all = await call(topicsRoute.GET, "/api/kafka/topics");
    expect(all.body.topics.some((t: { name: string }) => t.name.startsWith("__"))).toBe(false);
    const internal = await call(topicsRoute.GET, "/api/kafka/topics?internal=true");
    expect(internal.body.topics.some((t: { name: string }) => t.name === "__consumer_offsets")).toBe(true);
  });

  it("describes one topic's partitions and answers 404 and 400 as it should", async () => {
    const { status, body } = await call(topicRoute.GET, `/api/kafka/topics/${topic}`, { topic });
    expect(status).toBe(200);
    expect(body.partitionDetails.map((p: { partition: number }) => p.partition)).toEqual([0, 1, 2]);
    expect(body.partitionDetails.reduce((s: number, p: { highWatermark: string }) => s + Number(p.highWatermark), 0)).toBe(30);

    const missing = await call(topicRoute.GET, "/api/kafka/topics/no-such-topic-x", { topic: "no-such-topic-x" });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "TOPIC_NOT_FOUND" } } });
    const invalid = await call(topicRoute.GET, "/api/kafka/topics/bad name", { topic: "bad name!" });
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: "BAD_REQUEST" } } });
    expect(invalid.body.error.message).toMatch(/topic/);
  });

  it("reports per-partition lag exactly as kafka-consumer-groups does, uncommitted partitions included", async () => {
    const { status, body } = await call(groupsRoute.GET, "/api/kafka/groups");
    expect(status).toBe(200);
    const group = body.groups.find((g: { groupId: string }) => g.groupId === groupId);
    expect(group.state).toBe("Empty");
    expect(group.partitions).toHaveLength(3);
    const ours = group.partitions.filter((p: { committedOffset: string | null }) => p.committedOffset !== null);
    const tool = lagFromKafkaTool(groupId);
    expect(tool.size).toBeGreaterThan(0);
    for (const p of ours) expect(tool.get(`${p.topic}/${p.partition}`)).toBe(p.lag);
    const uncommitted = group.partitions.filter((p: { committedOffset: string | null }) => p.committedOffset === null);
    expect(uncommitted.length).toBe(2);
    expect(BigInt(group.totalLag)).toBe(group.partitions.reduce((s: bigint, p: { lag: string }) => s + BigInt(p.lag), 0n));
  });

  it("sums the cluster up in the overview", async () => {
    const { status, body } = await call(overviewRoute.GET, "/api/kafka/overview");
    expect(status).toBe(200);
    expect(body.brokers).toHaveLength(1);
    expect(body.brokers[0]).toMatchObject({ nodeId: 1, isController: true });
    expect(body.brokers[0].leaderCount).toBe(body.partitions);
    expect(body.underReplicatedPartitions).toBe(0);
    expect(body.offlinePartitions).toBe(0);
    const groups = await call(groupsRoute.GET, "/api/kafka/groups");
    const expectedLag = groups.body.groups.reduce((s: bigint, g: { totalLag: string }) => s + BigInt(g.totalLag), 0n);
    expect(BigInt(body.totalLag)).toBe(expectedLag);
    expect(BigInt(body.totalLag)).toBeGreaterThanOrEqual(28n); // our group alone waits for 28 of 30
  });
});
