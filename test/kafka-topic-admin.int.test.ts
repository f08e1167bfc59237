import { ConfigResourceTypes, type Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";
import { callRouteJson as callRoute, type RouteCallOptions, type RouteHandler as Handler } from "./support/route-call";

vi.stubEnv("KAFKA_BROKERS", stackAddresses.kafkaBrokers.join(","));
const topicsRoute = await import("@/app/api/kafka/topics/route");
const topicRoute = await import("@/app/api/kafka/topics/[topic]/route");
const configsRoute = await import("@/app/api/kafka/topics/[topic]/configs/route");
const partitionsRoute = await import("@/app/api/kafka/topics/[topic]/partitions/route");
const purgeRoute = await import("@/app/api/kafka/topics/[topic]/purge/route");

const topic = uniqueName("it-admin");
const kafka = testKafka();
const created = new Set<string>();
let admin: Admin;

const call = (handler: Handler, method: string, url: string, options: RouteCallOptions = {}) => callRoute(handler, method, url, options);

const create = (body: unknown, headers?: Record<string, string>) => {
  const name = (body as { name?: unknown }).name;
  if (typeof name === "string") created.add(name);
  return call(topicsRoute.POST, "POST", "/api/kafka/topics", { body, headers });
};
const configs = (name = topic) => call(configsRoute.GET, "GET", `/api/kafka/topics/${name}/configs`, { params: { topic: name } });
const patchConfigs = (body: unknown) => call(configsRoute.PATCH, "PATCH", `/api/kafka/topics/${topic}/configs`, { body, params: { topic } });
const describeOne = (name = topic) => call(topicRoute.GET, "GET", `/api/kafka/topics/${name}`, { params: { topic: name } });
const purge = (body: unknown) => call(purgeRoute.POST, "POST", `/api/kafka/topics/${topic}/purge`, { body, params: { topic } });

/** Topic-level overrides as Kafka itself reports them, read with a separate client. */
async function overridesFromKafka(name: string): Promise<Record<string, string>> {
  const { resources } = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name }], includeSynonyms: false });
  return Object.fromEntries(resources[0]!.configEntries.filter((e) => e.configSource === 1).map((e) => [e.configName, e.configValue]));
}

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  const existing = new Set(await admin.listTopics());
  const leftovers = [...created].filter((name) => existing.has(name));
  if (leftovers.length > 0) await admin.deleteTopics({ topics: leftovers }).catch(() => undefined);
  await admin.disconnect();
});

describe("topic administration on the real broker", () => {
  it("creates a topic with configs, answers 201 and lists it at once", async () => {
    const { status, body } = await create({
      name: topic,
      partitions: 3,
      replicationFactor: 1,
      configs: { "retention.ms": "3600000", "max.message.bytes": "2000000" },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ name: topic, partitions: 3, replicationFactor: 1 });
    const list = await call(topicsRoute.GET, "GET", `/api/kafka/topics?search=${topic}`);
    expect(list.body.topics.map((t: { name: string }) => t.name)).toEqual([topic]);
    expect(await overridesFromKafka(topic)).toEqual({ "retention.ms": "3600000", "max.message.bytes": "2000000" });
  });

  it("answers 409 for an existing topic and 400 for bad input or what Kafka refuses", async () => {
    const again = await create({ name: topic, partitions: 1, replicationFactor: 1 });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "TOPIC_EXISTS" } } });

    const badName = await create({ name: "bad name!", partitions: 1, replicationFactor: 1 });
    expect(badName.status).toBe(400);
    expect(badName.body.error.message).toMatch(/name/);
    expect((await create({ name: "__reserved", partitions: 1, replicationFactor: 1 })).status).toBe(400);
    expect((await create({ name: uniqueName("it-admin-p"), partitions: 0, replicationFactor: 1 })).status).toBe(400);
    expect((await call(topicsRoute.POST, "POST", "/api/kafka/topics", { body: "{nope" })).status).toBe(400);

    const tooManyReplicas = await create({ name: uniqueName("it-admin-rf"), partitions: 1, replicationFactor: 2 });
    expect(tooManyReplicas.status).toBe(400);
    expect(tooManyReplicas.body.error.message).toMatch(/Replication factor 2 is larger than the number of brokers \(1\)/);

    const badValue = await create({
      name: uniqueName("it-admin-cfg"),
      partitions: 1,
      replicationFactor: 1,
      configs: { "segment.ms": "100000", "retention.ms": "soon" },
    });
    expect(badValue.status).toBe(400);
    expect(badValue.body.error.message).toMatch(/retention\.ms=soon/);
    const unknownKey = await create({ name: uniqueName("it-admin-cfg"), partitions: 1, replicationFactor: 1, configs: { "no.such.config": "1" } });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.error.message).toMatch(/no\.such\.config/);
    // Nothing was created by the refused requests.
    const names = new Set(await admin.listTopics());
    expect([...created].filter((name) => name !== topic && names.has(name))).toEqual([]);
  });

  it("lists every config with its source, marks overrides and read-only ones, never a sensitive value", async () => {
    const { status, body } = await configs();
    expect(status).toBe(200);
    const byName = new Map(body.configs.map((c: { name: string }) => [c.name, c]));
    expect(byName.get("retention.ms")).toMatchObject({ value: "3600000", source: "topic", isDefault: false, readOnly: false });
    expect(byName.get("cleanup.policy")).toMatchObject({ value: "delete", source: "default", isDefault: true });
    expect(body.configs.length).toBeGreaterThan(20);
    for (const entry of body.configs) if (entry.sensitive) expect(entry.value).toBeNull();
    expect((await configs("no-such-topic-admin")).status).toBe(404);
  });

  it("changes one override and keeps the others (AlterConfigs would otherwise wipe them)", async () => {
    const { status, body } = await patchConfigs({ set: { "retention.ms": "7200000", "cleanup.policy": "compact,delete" } });
    expect(status).toBe(200);
    expect(body.configs.find((c: { name: string }) => c.name === "retention.ms").value).toBe("7200000");
    expect(await overridesFromKafka(topic)).toEqual({ "retention.ms": "7200000", "max.message.bytes": "2000000", "cleanup.policy": "compact,delete" });

    const removed = await patchConfigs({ remove: ["cleanup.policy"] });
    expect(removed.status).toBe(200);
    expect(await overridesFromKafka(topic)).toEqual({ "retention.ms": "7200000", "max.message.bytes": "2000000" });

    const bad = await patchConfigs({ set: { "segment.ms": "600000", "retention.ms": "soon" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/retention\.ms=soon/);
    expect((await patchConfigs({ set: { "no.such.config": "1" } })).status).toBe(400);
    expect((await patchConfigs({})).status).toBe(400);
    expect(await overridesFromKafka(topic)).toEqual({ "retention.ms": "7200000", "max.message.bytes": "2000000" });
  });

  it("adds partitions 3 → 5 and refuses to go down", async () => {
    const grown = await call(partitionsRoute.POST, "POST", `/api/kafka/topics/${topic}/partitions`, { body: { count: 5 }, params: { topic } });
    expect(grown).toMatchObject({ status: 200, body: { topic, partitionsBefore: 3, partitions: 5 } });
    expect((await describeOne()).body.partitions).toBe(5);
    const shrink = await call(partitionsRoute.POST, "POST", `/api/kafka/topics/${topic}/partitions`, { body: { count: 4 }, params: { topic } });
    expect(shrink.status).toBe(400);
    expect(shrink.body.error.message).toMatch(/has 5 partitions/);
    const missing = await call(partitionsRoute.POST, "POST", "/api/kafka/topics/no-such-topic-admin/partitions", {
      body: { count: 9 },
      params: { topic: "no-such-topic-admin" },
    });
    expect(missing.status).toBe(404);
  });

  it("previews a purge, then purges: the low watermarks move and the message count drops", async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 20 }, (_, i) => ({ value: `m${i}`, partition: i % 2 })) });
    await producer.disconnect();

    const preview = await purge({ offsets: [{ partition: 0, offset: "4" }] });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      topic,
      dryRun: true,
      messagesToDelete: "4",
      partitions: [{ partition: 0, lowWatermark: "0", highWatermark: "10", deleteBefore: "4", messagesToDelete: "4" }],
    });
    // Produced behind the console's back: its 2 s metadata cache catches up on its own; the dry run changed nothing.
    await vi.waitFor(async () => expect((await describeOne()).body.messages).toBe("20"), { timeout: 5_000, interval: 250 });

    const partial = await purge({ offsets: [{ partition: 0, offset: "4" }], dryRun: false });
    expect(partial.body.partitions[0].lowWatermarkAfter).toBe("4");
    expect((await describeOne()).body.messages).toBe("16");

    const all = await purge({});
    expect(all.body).toMatchObject({ dryRun: true, messagesToDelete: "16" });
    const done = await purge({ dryRun: false });
    expect(done.status).toBe(200);
    expect(done.body.partitions.map((p: { lowWatermarkAfter: string }) => p.lowWatermarkAfter)).toEqual(["10", "10", "0", "0", "0"]);
    expect((await describeOne()).body.messages).toBe("0");

    expect((await purge({ offsets: [{ partition: 0, offset: "99" }] })).status).toBe(400);
    expect((await purge({ offsets: [{ partition: 0, offset: "-1" }] })).status).toBe(400);
  });

  it("refuses cross-site requests with 403", async () => {
    const evil = { origin: "https://evil.example" };
    expect((await create({ name: uniqueName("it-admin-x"), partitions: 1, replicationFactor: 1 }, evil)).status).toBe(403);
    expect(
      (
        await call(configsRoute.PATCH, "PATCH", `/api/kafka/topics/${topic}/configs`, {
          body: { set: { "retention.ms": "1" } },
          params: { topic },
          headers: evil,
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(purgeRoute.POST, "POST", `/api/kafka/topics/${topic}/purge`, { body: {}, params: { topic }, headers: { "sec-fetch-site": "cross-site" } }))
        .status,
    ).toBe(403);
    expect((await call(topicRoute.DELETE, "DELETE", `/api/kafka/topics/${topic}?confirm=${topic}`, { params: { topic }, headers: evil })).status).toBe(403);
    expect((await describeOne()).status).toBe(200);
  });

  it("deletes only with the typed name, refuses internal topics, and the topic is gone at once", async () => {
    const del = (url: string, body?: unknown, name = topic) => call(topicRoute.DELETE, "DELETE", url, { body, params: { topic: name } });
    const missing = await del(`/api/kafka/topics/${topic}`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/confirm/);
    expect((await del(`/api/kafka/topics/${topic}`, { confirm: `${topic}-x` })).status).toBe(400);
    expect((await del(`/api/kafka/topics/${topic}?confirm=nope`)).status).toBe(400);
    expect((await describeOne()).status).toBe(200);

    const internal = await del("/api/kafka/topics/__consumer_offsets", { confirm: "__consumer_offsets" }, "__consumer_offsets");
    expect(internal.status).toBe(403);
    expect(internal.body.error.message).toMatch(/internal/);

    const deleted = await del(`/api/kafka/topics/${topic}`, { confirm: topic });
    expect(deleted).toEqual({ status: 200, body: { topic, deleted: true } });
    expect((await describeOne()).status).toBe(404);
    const list = await call(topicsRoute.GET, "GET", `/api/kafka/topics?search=${topic}`);
    expect(list.body.topics).toEqual([]);
    expect(await admin.listTopics()).not.toContain(topic);

    expect((await del(`/api/kafka/topics/${topic}`, { confirm: topic })).status).toBe(404);
  });
});
