import { chromium } from "@playwright/test";
import { benchArgs, benchKafka, ensureBenchTopics, median, timed } from "./kafka-fixture";

/**
 * The topics API with a cold cache (metadata, then watermarks of every partition) against a
 * bare kafkajs script fetching the same: the metadata of all topics and each topic's
 * offsets, all topics at once. Alternating rounds; median of each.
 */
export async function benchKafkaTopics() {
  const { topics: count, partitions, rounds } = benchArgs();
  const kafka = benchKafka();
  const admin = kafka.admin();
  await admin.connect();
  await ensureBenchTopics(admin, count, partitions);

  const { invalidate } = await import("../server/cache");
  const topicsRoute = await import("../app/api/kafka/topics/route");
  const ours = async () => {
    invalidate("kafka:");
    const response = await topicsRoute.GET(new Request("http://localhost/api/kafka/topics"), undefined as never);
    const body = (await response.json()) as { topics: unknown[] };
    if (response.status !== 200 || body.topics.length < count) throw new Error(`topics API answered ${response.status} with ${body.topics.length} topics`);
  };
  // A fresh, connected admin per round: kafkajs keeps every topic it was asked about in its
  // metadata requests, and one deleted meanwhile (by anyone) fails all its later calls.
  // All topics at once; if kafkajs gives way under that, 50 at a time; if it fails again, the
  // peer has no figure (kafkajs 2.2.4 breaks at 10,000 topics: its admin re-reads the metadata
  // of every topic it was ever asked about on each new one, and loses partitions on the way).
  let concurrency = Infinity;
  let peerFailure: string | undefined;
  const bareRound = async (): Promise<number | undefined> => {
    if (peerFailure) return undefined;
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
        return bareRound();
      }
      peerFailure = String(error);
      console.error(`bench: bare kafkajs failed again, 50 topics at a time (${peerFailure}); the peer has no figure`);
      return undefined;
    } finally {
      await fresh.disconnect();
    }
  };

  await ours();
  await bareRound(); // warm the broker's caches for both sides
  const oursMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    oursMs.push(await timed(ours));
    const bare = await bareRound();
    if (bare !== undefined) bareMs.push(bare);
    console.error(`bench: round ${i + 1}: topics API ${oursMs.at(-1)!.toFixed(0)} ms, bare kafkajs ${bare === undefined ? "failed" : `${bare.toFixed(0)} ms`}`);
  }
  await admin.disconnect();

  const page = await pageRenderMs();
  const result = {
    bench: "kafka-topics",
    unit: "ms",
    ours: Math.round(median(oursMs)),
    peer: `bare kafkajs: fetchTopicMetadata + fetchTopicOffsets per topic, ${concurrency === Infinity ? "all at once" : `${concurrency} at a time`}`,
    peerValue: bareMs.length ? Math.round(median(bareMs)) : null,
    ratio: bareMs.length ? Number((median(oursMs) / median(bareMs)).toFixed(2)) : null,
    ...(peerFailure ? { peerFailure } : {}),
    n: rounds,
    topics: count,
    partitions,
    ...(page === undefined ? {} : { pageRenderMs: page }),
  };
  return result;
}

/**
 * With a console answering at BENCH_CONSOLE_URL (default http://127.0.0.1:3000), the time
 * Chromium takes from navigation to the topics table showing its rows; undefined without one.
 */
async function pageRenderMs(): Promise<number | undefined> {
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
      await page.goto(`${url}/kafka/topics?q=eventdeck-bench-p`);
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
