import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toErrorResponse } from "@/server/http/route";
import { serializeError } from "@/server/log";
import { stackAddresses, testKafka, uniqueName } from "./support/stack";
import { callRoute, type RouteHandler as Handler } from "./support/route-call";

const documentsRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/documents/route");
const insertRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/documents/insert/route");
const aggregateRoute = await import("@/app/api/mongo/databases/[db]/collections/[collection]/aggregate/route");
const topicsRoute = await import("@/app/api/kafka/topics/route");
const topicRoute = await import("@/app/api/kafka/topics/[topic]/route");
const messagesRoute = await import("@/app/api/kafka/topics/[topic]/messages/route");
const messageRoute = await import("@/app/api/kafka/topics/[topic]/messages/[partition]/[offset]/route");
const planRoute = await import("@/app/api/replay/plan/route");

const db = uniqueName("it_hostile").replace(/-/g, "_");
const collection = "things";
const topic = uniqueName("it-hostile");
const mongo = new MongoClient(stackAddresses.mongoUri);
const kafka = testKafka();
const admin = kafka.admin();

const call = (handler: unknown, method: string, path: string, params: Record<string, string>, body?: string | Buffer) =>
  callRoute(handler as Handler, method, path, { params, body });
const ns = { db, collection };
const nsPath = `/api/mongo/databases/${db}/collections/${collection}`;

beforeAll(async () => {
  await mongo
    .db(db)
    .collection(collection)
    .insertOne({ _id: "one", name: "a" } as never);
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
});

afterAll(async () => {
  await mongo.db(db).dropDatabase();
  await mongo.close();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe("hostile input gets a clean 4xx", () => {
  it("refuses server-side JavaScript anywhere in a filter or pipeline", async () => {
    const filters = [
      `{"$where":"sleep(1000)"}`,
      `{"a":{"$elemMatch":{"$where":"1"}}}`,
      `{"$expr":{"$function":{"body":"function(){return 1}","args":[],"lang":"js"}}}`,
    ];
    for (const filter of filters) {
      const { status, text } = await call(documentsRoute.GET, "GET", `${nsPath}/documents?filter=${encodeURIComponent(filter)}`, ns);
      expect([400, 422], `${filter}: ${text}`).toContain(status);
    }
    const pipelines = [
      [{ $addFields: { x: { $function: { body: "function(){return 1}", args: [], lang: "js" } } } }],
      [
        {
          $group: {
            _id: null,
            x: { $accumulator: { init: "function(){}", accumulate: "function(){}", accumulateArgs: [], merge: "function(){}", lang: "js" } },
          },
        },
      ],
      [{ $match: { $where: "1" } }],
    ];
    for (const pipeline of pipelines) {
      const { status, text } = await call(aggregateRoute.POST, "POST", `${nsPath}/aggregate`, ns, JSON.stringify({ pipeline: JSON.stringify(pipeline) }));
      expect([400, 422], text).toContain(status);
    }
  });

  it("never lets __proto__ or constructor keys reach Object.prototype", async () => {
    const poisoned = `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"name":"p"}`;
    const answers = [
      await call(topicsRoute.POST, "POST", "/api/kafka/topics", {}, poisoned),
      await call(insertRoute.POST, "POST", `${nsPath}/documents/insert`, ns, JSON.stringify({ document: poisoned })),
      await call(documentsRoute.GET, "GET", `${nsPath}/documents?filter=${encodeURIComponent(poisoned)}`, ns),
      await call(planRoute.POST, "POST", "/api/replay/plan", {}, poisoned),
    ];
    for (const { status } of answers) expect(status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("caps body sizes: a 5 MB body is a 413 before it is parsed", async () => {
    const huge = JSON.stringify({ name: "x".repeat(5 * 1024 * 1024) });
    expect((await call(topicsRoute.POST, "POST", "/api/kafka/topics", {}, huge)).status).toBe(413);
    expect((await call(planRoute.POST, "POST", "/api/replay/plan", {}, huge)).status).toBe(413);
    expect(
      (await call(messagesRoute.POST, "POST", `/api/kafka/topics/${topic}/messages`, { topic }, JSON.stringify({ value: "v".repeat(2 * 1024 * 1024) }))).status,
    ).toBe(413);
    expect(
      (await call(insertRoute.POST, "POST", `${nsPath}/documents/insert`, ns, JSON.stringify({ document: `{"a":"${"y".repeat(20 * 1024 * 1024)}"}` }))).status,
    ).toBe(413);
  });

  it("shows invalid UTF-8 in keys, values and headers as bytes, and takes a body of broken UTF-8 without failing", async () => {
    const producer = kafka.producer();
    await producer.connect();
    const broken = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x00, 0x41]);
    await producer.send({ topic, messages: [{ key: broken, value: broken, headers: { h: broken } }] });
    await producer.disconnect();
    const { status, text } = await call(messageRoute.GET, "GET", `/api/kafka/topics/${topic}/messages/0/0`, { topic, partition: "0", offset: "0" });
    expect(status).toBe(200);
    const message = JSON.parse(text);
    expect(message.value).toMatchObject({ encoding: "binary", text: broken.toString("hex") });
    expect(message.key.encoding).toBe("binary");
    expect(message.headers[0].value.encoding).toBe("binary");

    const rawBody = Buffer.concat([Buffer.from('{"value":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    expect((await call(messagesRoute.POST, "POST", `/api/kafka/topics/${topic}/messages`, { topic }, rawBody)).status).toBeLessThan(500);
  });

  it("validates topic names and header values", async () => {
    expect((await call(topicRoute.GET, "GET", "/api/kafka/topics/..%2Fetc", { topic: "../etc" })).status).toBe(400);
    expect((await call(topicRoute.GET, "GET", `/api/kafka/topics/${"t".repeat(300)}`, { topic: "t".repeat(300) })).status).toBe(400);
    const badHeader = JSON.stringify({ value: "v", headers: [{ name: "", value: "x" }] });
    expect((await call(messagesRoute.POST, "POST", `/api/kafka/topics/${topic}/messages`, { topic }, badHeader)).status).toBe(400);
  });

  it("never echoes an unexpected error's text or stack to the client", async () => {
    const response = toErrorResponse(new Error("connect failed for mongodb://app:hunter2@db:27017"));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toContain("hunter2");
    expect(text).not.toMatch(/\bat \S+ \(/);
    expect(JSON.parse(text).error).toMatchObject({ code: "INTERNAL", requestId: expect.any(String) });
    // And the server log keeps the error, with the credentials masked.
    expect(JSON.stringify(serializeError(new Error("connect failed for mongodb://app:hunter2@db:27017")))).not.toContain("hunter2");
  });
});
