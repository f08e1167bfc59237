import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { MongoClient } from "mongodb";
import { runLoad } from "../services/loadgen/load";
import { Storefront } from "../services/testing/storefront";
import { stackAddresses } from "../test/support/stack";

const rate = Number(process.env.BENCH_RATE ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
/** Seconds of load of a warm-up round of each side before the timed rounds (0: none). */
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Orders/s the storefront takes from POST to a final state, at a fixed offered load. */
async function storefrontRound(seconds: number): Promise<{ accepted: number; processed: number }> {
  const storefront = new Storefront(`bench${Date.now().toString(36)}`, stackAddresses);
  try {
    await storefront.startAll();
    const report = await runLoad({
      accountsUrl: storefront.url("accounts"),
      ordersUrl: storefront.url("orders"),
      rate,
      durationMs: seconds * 1000,
      customers: 20,
      inactiveShare: 0.1,
      maxInFlight: 64,
      waitMs: 300_000,
    });
    if (!report.completed || report.completed.pending > 0) throw new Error(`orders left pending: ${JSON.stringify(report)}`);
    console.error(
      `bench: storefront accepted ${report.acceptedPerSecond}/s, processed ${report.completed.processedPerSecond}/s (p95 accept ${report.latencyMs.p95} ms)`,
    );
    return { accepted: report.acceptedPerSecond, processed: report.completed.processedPerSecond };
  } finally {
    await storefront.destroy();
  }
}

/**
 * The peer: the same number of events through the same Kafka and MongoDB without the
 * services — produce, consume in a group, one insert per event — timed the same way.
 */
async function rawPipelineRound(seconds: number): Promise<number> {
  const count = rate * seconds;
  const kafka = new Kafka({ clientId: "bench-peer", brokers: stackAddresses.kafkaBrokers, logLevel: logLevel.NOTHING });
  const topic = `benchpeer-${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  const mongo = new MongoClient(stackAddresses.mongoUri);
  const db = mongo.db(topic.replace("-", "_"));
  await Promise.all([admin.connect(), mongo.connect()]);
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: topic, maxWaitTimeInMs: 500 });
    await Promise.all([producer.connect(), consumer.connect()]);
    await consumer.subscribe({ topic, fromBeginning: true });
    let done = 0;
    const finished = new Promise<void>((resolve) => {
      void consumer.run({
        partitionsConsumedConcurrently: 3,
        eachMessage: async ({ message }) => {
          await db.collection("events").insertOne({ _id: String(message.key) as never, value: String(message.value) });
          if (++done === count) resolve();
        },
      });
    });
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      void producer.send({ topic, messages: [{ key: randomUUID(), value: JSON.stringify({ i }) }] });
    }
    await finished;
    const perSecond = count / ((performance.now() - started) / 1000);
    await Promise.all([producer.disconnect(), consumer.disconnect()]);
    console.error(`bench: raw pipeline ${perSecond.toFixed(1)}/s`);
    return perSecond;
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([topic]).catch(() => undefined);
    await admin.disconnect();
    await db.dropDatabase();
    await mongo.close();
  }
}

export async function benchStorefront() {
  const ours: number[] = [];
  const accepted: number[] = [];
  const peer: number[] = [];
  if (warmupSeconds > 0) {
    // Untimed: the broker's and FerretDB's caches, the JIT of this process's load generator.
    await rawPipelineRound(warmupSeconds);
    await storefrontRound(warmupSeconds);
  }
  for (let round = 0; round < rounds; round++) {
    // Interleaved, because the machine is noisy: each round runs both sides.
    peer.push(await rawPipelineRound(seconds));
    const result = await storefrontRound(seconds);
    ours.push(result.processed);
    accepted.push(result.accepted);
  }
  const oursValue = Math.round(median(ours) * 10) / 10;
  const peerValue = Math.round(median(peer) * 10) / 10;
  return {
    bench: "storefront",
    unit: "orders/s",
    ours: oursValue,
    oursDoes: `the storefront's three services (accounts, orders, fulfillment) started as processes in a namespace of their own; the load generator offers ${rate} orders/s for ${seconds} s with POST /orders and waits until every accepted order reaches a final state; orders processed per second`,
    peer: `raw Kafka produce→consume→one MongoDB insert per event, same offered rate (${rate}/s for ${seconds} s)`,
    peerDoes: `one kafkajs producer sending ${rate} events/s for ${seconds} s to a fresh 3-partition topic, one consumer group inserting each event into MongoDB (one insertOne per event); events per second until the last insert`,
    peerValue,
    ratio: Math.round((oursValue / peerValue) * 100) / 100,
    higherIsBetter: true,
    n: rounds,
    warmupSeconds,
    acceptedPerSecond: Math.round(median(accepted) * 10) / 10,
    offeredPerSecond: rate,
  };
}
