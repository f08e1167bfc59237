import { chromium } from "@playwright/test";
import { stackAddresses } from "../test/support/stack";
import { JavaTopicsPeer, type JavaPeerRound } from "./java-peer";
import { alternately, benchArgs, benchKafka, benchTopicPrefix, ensureBenchTopics, median, timed } from "./kafka-fixture";

interface TopicRow {
  name: string;
  messages: string;
  bytes: number | null;
}

/**
 * Every topic's metadata, every partition's earliest and latest offsets and every topic's size
 * on disk: the console's topics API (called in process, every console cache cleared each
 * round, its kafkajs connections kept) against Kafka's own Java AdminClient gathering the
 * same facts with the fewest requests (one JVM, one AdminClient, connections kept). Rounds
 * interleaved, first side alternating; warm-up rounds for both; medians. A bare kafkajs
 * script asking one topic at a time (a fresh admin per round) is kept as a second figure.
 */
export async function benchKafkaTopics() {
  const { topics: count, partitions, rounds, warmup } = benchArgs();
  const kafka = benchKafka();
  const admin = kafka.admin();
  await admin.connect();
  await ensureBenchTopics(admin, count, partitions);
  await admin.disconnect();
  const prefix = benchTopicPrefix(count, partitions);
  // At least one message per partition (a retried send may have added more); both sides must agree.
  const leastMessages = count * partitions;
  let oursMessages = 0;

  const { invalidate } = await import("../server/cache");
  const topicsRoute = await import("../app/api/kafka/topics/route");
  let clusterTopics = 0;
  const ours = async () => {
    invalidate("");
    const response = await topicsRoute.GET(new Request("http://localhost/api/kafka/topics"), undefined as never);
    const body = (await response.json()) as { topics?: TopicRow[]; error?: { message: string } };
    if (response.status !== 200 || !body.topics) throw new Error(`topics API answered ${response.status}: ${body.error?.message}`);
    const mine = body.topics.filter((t) => t.name.startsWith(prefix));
    const messages = mine.reduce((sum, t) => sum + Number(t.messages), 0);
    if (mine.length !== count || messages < leastMessages || mine.some((t) => t.bytes === null))
      throw new Error(
        `topics API showed ${mine.length} bench topics with ${messages} messages (sizes ${mine.some((t) => t.bytes === null) ? "missing" : "known"})`,
      );
    clusterTopics = body.topics.length;
    oursMessages = messages;
  };

  const java = await JavaTopicsPeer.start(stackAddresses.kafkaBrokers, prefix);
  let lastJava: JavaPeerRound | undefined;
  const javaRound = async () => {
    lastJava = await java.round();
    if (lastJava.benchTopics !== count || lastJava.benchMessages !== oursMessages || lastJava.sizedTopics < count)
      throw new Error(
        `the Java peer saw ${lastJava.benchTopics} bench topics with ${lastJava.benchMessages} messages (the topics API: ${oursMessages}), ${lastJava.sizedTopics} topics sized`,
      );
  };
  const naive = naiveKafkajs(count);

  const oursMs: number[] = [];
  const javaMs: number[] = [];
  const naiveMs: number[] = [];
  try {
    // Warm-up: the JVM's JIT, kafkajs's code paths and the broker's caches, for every side.
    for (let i = 0; i < warmup; i++) {
      await ours();
      await javaRound();
    }
    await naive.round();
    for (let i = 0; i < rounds; i++) {
      await alternately(
        i,
        async () => void oursMs.push(await timed(ours)),
        async () => void javaMs.push(await timed(javaRound)),
      );
      const bare = await naive.round();
      if (bare !== undefined) naiveMs.push(bare);
      console.error(
        `bench: round ${i + 1}: topics API ${oursMs.at(-1)!.toFixed(0)} ms, Java AdminClient ${javaMs.at(-1)!.toFixed(0)} ms (inside the JVM ${lastJava!.ms.toFixed(0)} ms: names ${lastJava!.namesMs.toFixed(0)}, described ${lastJava!.describedMs.toFixed(0)}), kafkajs one topic at a time ${bare === undefined ? "failed" : `${bare.toFixed(0)} ms`}`,
      );
    }
  } finally {
    await java.stop();
  }

  const page = await pageRenderMs(prefix);
  const oursValue = median(oursMs);
  const javaValue = median(javaMs);
  return {
    bench: "kafka-topics",
    unit: "ms",
    ours: Math.round(oursValue),
    oursDoes:
      "GET /api/kafka/topics handler in process with every console cache cleared (its kafkajs connections kept): Metadata of every topic, earliest, latest and last-stable ListOffsets per broker, DescribeLogDirs per broker (sizes), one Metadata for the brokers, Prometheus's produce rates; the JSON of every topic",
    peer: `Kafka's Java AdminClient ${java.version} (one client, connections kept)`,
    peerDoes:
      "listTopics (internal included) and describeCluster at once; then describeTopics of all topics, with describeLogDirs of every broker sent meanwhile; then listOffsets earliest and listOffsets latest of every partition at once (the client's Metadata for leaders, one ListOffsets per broker each); timed from the bench around the stdin/stdout exchange",
    peerValue: Math.round(javaValue),
    ratio: Number((oursValue / javaValue).toFixed(2)),
    sameFacts: "both: every topic's partitions, leaders, replicas and ISR, every partition's earliest and latest offset, every topic's bytes on disk",
    peerInsideJvm: Math.round(lastJava!.ms),
    naiveKafkajs: {
      peerDoes: `a fresh kafkajs admin per round: fetchTopicMetadata, then fetchTopicOffsets for every topic, ${naive.concurrency() === Infinity ? "all at once" : `${naive.concurrency()} at a time`} (no sizes)`,
      peerValue: naiveMs.length ? Math.round(median(naiveMs)) : null,
      ratio: naiveMs.length ? Number((oursValue / median(naiveMs)).toFixed(2)) : null,
      ...(naive.failure() ? { failure: naive.failure() } : {}),
    },
    n: rounds,
    warmup,
    topics: count,
    partitions,
    clusterTopics,
    ...(page === undefined ? {} : { pageRenderMs: page }),
  };
}

/**
 * The naive peer: a fresh, connected kafkajs admin per round (kafkajs keeps every topic it was
 * asked about in its metadata requests, and one deleted meanwhile fails all its later calls),
 * asking fetchTopicOffsets topic by topic. All topics at once; if kafkajs gives way under
 * that, 50 at a time; if it fails again, no figure (kafkajs 2.2.4 breaks at 10,000 topics).
 */
function naiveKafkajs(count: number) {
  const kafka = benchKafka();
  let concurrency = Infinity;
  let failure: string | undefined;
  const round = async (): Promise<number | undefined> => {
    if (failure) return undefined;
    const fresh = kafka.admin();
    await fresh.connect();
    try {
      return await timed(async () => {
        const { topics } = await fresh.fetchTopicMetadata();
        const offsets: unknown[] = [];
        for (let i = 0; i < topics.length; i += Math.min(concurrency, topics.length)) {
          offsets.push(...(await Promise.all(topics.slice(i, i + concurrency).map((t) => fresh.fetchTopicOffsets(t.name)))));
        }
        if (offsets.length < count) throw new Error("bare script saw too few topics");
      });
    } catch (error) {
      if (concurrency === Infinity) {
        console.error(`bench: bare kafkajs failed with every topic at once (${String(error)}); asking 50 topics at a time`);
        concurrency = 50;
        return round();
      }
      failure = String(error);
      console.error(`bench: bare kafkajs failed again, 50 topics at a time (${failure}); it has no figure`);
      return undefined;
    } finally {
      await fresh.disconnect();
    }
  };
  return { round, concurrency: () => concurrency, failure: () => failure };
}

/**
 * With a console answering at BENCH_CONSOLE_URL (default http://127.0.0.1:3000), the time
 * Chromium takes from navigation to the topics table showing its rows; undefined without one.
 */
async function pageRenderMs(prefix: string): Promise<number | undefined> {
  const url = process.env.BENCH_CONSOLE_URL ?? "http://127.0.0.1:3000";
  const up = await fetch(`${url}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (!up) {
    console.error(`bench: no console at ${url}; the page render time is left out`);
    return undefined;
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await page.goto(`${url}/kafka/topics?q=${encodeURIComponent(prefix)}`);
      await page.getByRole("row").nth(10).waitFor({ timeout: 60_000 });
      times.push(performance.now() - started);
    }
    const ms = Math.round(median(times));
    console.error(`bench: the topics page showed its rows in ${ms} ms (median of 3, navigation included)`);
    return ms;
  } finally {
    await browser.close();
  }
}
