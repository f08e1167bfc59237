import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { Kafka, logLevel } from "kafkajs";
import { ensureDebianPackage } from "../stack/apt";
import { stackAddresses, uniqueName } from "../test/support/stack";
import { median } from "./kafka-fixture";

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const partitions = 6;
const kcat = "/usr/bin/kcat";
const sourceTopic = `eventdeck-bench-replay-${events}`;
const broker = stackAddresses.kafkaBrokers.join(",");

// The bench runs jobs in this process, under a cluster name no console shares.
process.env.CLUSTER_NAME = uniqueName("bench-replay");
process.env.REPLAY_WORKER = "on";

const kafka = new Kafka({ clientId: "eventdeck-bench-replay", brokers: stackAddresses.kafkaBrokers, logLevel: logLevel.NOTHING, requestTimeout: 120_000 });

function sh(command: string): string {
  const result = spawnSync("bash", ["-o", "pipefail", "-c", command], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command.slice(0, 120)}… failed: ${result.stderr}`);
  return result.stdout;
}

async function endOffsets(topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** The source: `events` JSON events of about 1 KB with keys, over 6 partitions; made once (with kcat) and kept between runs. */
async function ensureSource(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(sourceTopic)) {
      if ((await endOffsets(sourceTopic)) === events) return;
      await admin.deleteTopics({ topics: [sourceTopic] });
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    await admin.createTopics({ topics: [{ topic: sourceTopic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  console.error(`bench: writing ${events.toLocaleString("en-US")} events of ~1 KB to ${sourceTopic}…`);
  const padding = "x".repeat(900);
  sh(
    `awk 'BEGIN{for(i=0;i<${events};i++) printf "order-%d\\t{\\"type\\":\\"OrderPlaced\\",\\"orderId\\":\\"order-%d\\",\\"n\\":%d,\\"note\\":\\"${padding}\\"}\\n", i, i, i}' | ${kcat} -P -b ${broker} -t ${sourceTopic} -K '\\t' -z none`,
  );
  const written = await endOffsets(sourceTopic);
  if (written !== events) throw new Error(`the source holds ${written} events, expected ${events}`);
}

async function withTarget<T>(work: (target: string) => Promise<T>): Promise<T> {
  const target = uniqueName("eventdeck-bench-replay-target");
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic: target, numPartitions: partitions }], waitForLeaders: true });
    return await work(target);
  } finally {
    await admin.deleteTopics({ topics: [target] }).catch(() => undefined);
    await admin.disconnect();
  }
}

/** Ours: a replay job (dry run, queue, lease, transactions, progress) from creation to `completed`, exactly-once. */
async function oursRound(): Promise<number> {
  const { createReplayJob, getReplayJob } = await import("../server/replay/jobs");
  return withTarget(async (target) => {
    const started = performance.now();
    const job = await createReplayJob(
      { kind: "republish", source: { topic: sourceTopic, partitions: [], range: { kind: "all" } }, filter: "", target: { topic: target } },
      "bench",
    );
    let state = job;
    while (state.state !== "completed") {
      if (state.state === "failed" || state.state === "cancelled") throw new Error(`the replay ended ${state.state}: ${state.error}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await getReplayJob(job.id);
    }
    const seconds = (performance.now() - started) / 1000;
    if (state.progress.done !== events) throw new Error(`the replay copied ${state.progress.done} events, expected ${events}`);
    return events / seconds;
  });
}

/** The peer: kcat consuming the source to its end, piped into kcat producing to the target (at-least-once, keys kept, headers not). */
async function kcatRound(): Promise<number> {
  return withTarget(async (target) => {
    const started = performance.now();
    sh(`${kcat} -C -b ${broker} -t ${sourceTopic} -o beginning -e -q -K '\\t' | ${kcat} -P -b ${broker} -t ${target} -K '\\t'`);
    const seconds = (performance.now() - started) / 1000;
    const written = await endOffsets(target);
    if (written !== events) throw new Error(`kcat wrote ${written} events, expected ${events}`);
    return events / seconds;
  });
}

/**
 * Events per second re-publishing `events` events of ~1 KB from one topic to another:
 * Eventdeck's exactly-once replay job against `kcat -C | kcat -P` on the same data, after
 * a warm-up round of each, rounds alternating, medians reported.
 */
export async function benchReplay(): Promise<Record<string, unknown>> {
  if (!existsSync(kcat)) ensureDebianPackage(kcat, "kcat");
  await ensureSource();
  // A warm-up round of each, untimed: the broker's page cache, the JIT, kcat's first start.
  await kcatRound();
  await oursRound();
  const ours: number[] = [];
  const peer: number[] = [];
  for (let round = 0; round < rounds; round++) {
    peer.push(await kcatRound());
    ours.push(await oursRound());
    console.error(`bench: round ${round + 1}: ours ${Math.round(ours.at(-1)!)} events/s, kcat ${Math.round(peer.at(-1)!)} events/s`);
  }
  const oursValue = Math.round(median(ours));
  const peerValue = Math.round(median(peer));
  return {
    bench: "replay",
    unit: "events/s",
    ours: oursValue,
    oursDoes: `a replay job run in this process, from createReplayJob to state completed: dry run, queue, lease, read of ${partitions} partitions, re-publish in Kafka transactions (exactly once, a replay header added to each record), progress saved; a fresh target topic per round`,
    peer: "kcat -C | kcat -P (at-least-once)",
    peerDoes: `kcat -C -o beginning -e (keys kept) piped into kcat -P to a fresh target topic, until the source's end; at-least-once, no headers added; timed until kcat -P exits`,
    peerValue,
    ratio: Number((oursValue / peerValue).toFixed(2)),
    higherIsBetter: true,
    n: rounds,
    warmup: 1,
    events,
  };
}
