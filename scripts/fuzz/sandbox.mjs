// The run's sandbox on the shared stack: seeded before fuzzing, deleted after it.
import { consoleDatabase, log, runId, sandbox } from "./settings.mjs";

const staleAfterMs = 3 * 3600_000;

/** Whether a name belongs to this run's sandbox, or to one started more than three hours ago. */
function isOurs(name) {
  const id = /^(?:fuzz[._]|eventdeck-fuzz-)([0-9a-z]{8})(?:[._]|$)/.exec(name)?.[1];
  return id !== undefined && (id === runId || parseInt(id, 36) < Date.now() - staleAfterMs);
}

function kafkaAdmin() {
  return import("kafkajs").then(({ default: { Kafka, logLevel } }) =>
    new Kafka({ clientId: "eventdeck-fuzz", brokers: (process.env.KAFKA_BROKERS ?? "127.0.0.1:19092").split(","), logLevel: logLevel.NOTHING }).admin(),
  );
}

/** A consumer group that exists because it committed an offset (the console only resets groups that exist). */
async function commitGroupOffset(groupId, topic) {
  const admin = await kafkaAdmin();
  try {
    await admin.connect();
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: "1" }] });
  } catch (error) {
    log(`seeding group ${groupId}: ${error.message}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Resources in the sandbox for the simplest generated names ("0" becomes "fuzz.0" and "fuzz_0"
 * in scripts/fuzz-hooks.py) to find, so reads and changes also reach their success paths:
 * a topic with messages and a consumer group, a database with a collection, a document and an index.
 */
export async function seedSandbox(url, cookie) {
  const call = async (method, path, body) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { "content-type": "application/json", "x-eventdeck-csrf": "1", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok && response.status !== 409) log(`seeding ${method} ${path}: ${response.status} ${(await response.text()).slice(0, 200)}`);
  };
  await call("POST", "/api/kafka/topics", { name: `${sandbox.topicPrefix}0`, partitions: 1, replicationFactor: 1 });
  for (const id of ["0", "1", "2"]) {
    await call("POST", `/api/kafka/topics/${sandbox.topicPrefix}0/messages`, {
      key: id,
      value: JSON.stringify({ id, total: Number(id) * 10 }),
      valueFormat: "json",
    });
  }
  await commitGroupOffset(`${sandbox.groupPrefix}0`, `${sandbox.topicPrefix}0`);
  const db = `/api/mongo/databases/${sandbox.databasePrefix}0`;
  await call("POST", `${db}/collections`, { name: "0" });
  await call("POST", `${db}/collections/0/documents/insert`, { document: JSON.stringify({ _id: "0", a: 1, at: { $date: "2024-05-01T12:00:00Z" } }) });
  await call("POST", `${db}/collections/0/indexes`, { keys: [{ field: "a", direction: 1 }], name: "0" });
  // A subject for "0": an Avro record of one field.
  await call("POST", `/api/schemas/subjects/${encodeURIComponent(`${sandbox.topicPrefix}0`)}/versions`, {
    schema: JSON.stringify({ type: "record", name: "Fuzz", fields: [{ name: "a", type: "int" }] }),
  });
}

const registryUrl = () => (process.env.SCHEMA_REGISTRY_URL ?? "http://127.0.0.1:19081/apis/ccompat/v7").replace(/\/$/, "");

/** Deletes the run's Schema Registry subjects (soft, then permanent); answers how many. */
async function removeSubjects() {
  const list = await fetch(`${registryUrl()}/subjects`).catch(() => undefined);
  if (!list?.ok) return 0;
  const subjects = (await list.json()).filter(isOurs);
  for (const subject of subjects) {
    const at = `${registryUrl()}/subjects/${encodeURIComponent(subject)}`;
    await fetch(at, { method: "DELETE" }).catch(() => undefined);
    await fetch(`${at}?permanent=true`, { method: "DELETE" }).catch(() => undefined);
  }
  return subjects.length;
}

/** Deletes what the run made on the shared stack: sandbox topics, groups and databases, and the console's database. */
export async function cleanUp() {
  const { MongoClient } = await import("mongodb");
  const admin = await kafkaAdmin();
  const mongo = new MongoClient(process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27018/", { serverSelectionTimeoutMS: 5_000 });
  const removed = { topics: 0, groups: 0, databases: 0, subjects: 0 };
  removed.subjects = await removeSubjects();
  try {
    await mongo.connect();
    const jobs = await mongo
      .db(consoleDatabase)
      .collection("replay_jobs")
      .find({}, { projection: { progressGroup: 1 } })
      .toArray()
      .catch(() => []);
    await admin.connect();
    const topics = (await admin.listTopics()).filter(isOurs);
    if (topics.length) await admin.deleteTopics({ topics, timeout: 30_000 });
    removed.topics = topics.length;
    const progressGroups = new Set(jobs.map((j) => j.progressGroup).filter(Boolean));
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => isOurs(g) || progressGroups.has(g));
    if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
    removed.groups = groups.length;
    const { databases } = await mongo.db("admin").admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) {
      if (isOurs(name)) {
        await mongo.db(name).dropDatabase();
        removed.databases += 1;
      }
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
    await mongo.close().catch(() => undefined);
  }
  log(`cleaned up ${removed.topics} topics, ${removed.groups} consumer groups, ${removed.databases} databases and ${removed.subjects} schema subjects`);
}
