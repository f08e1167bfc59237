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
  const bareRound = async () => {
    const fresh = kafka.admin();
    await fresh.connect();
    try {
      return await timed(async () => {
        const { topics } = await fresh.fetchTopicMetadata();
        const offsets = await Promise.all(topics.map((t) => fresh.fetchTopicOffsets(t.name)));
        if (offsets.length < count) throw new Error("bare script saw too few topics");
      });
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
    bareMs.push(await bareRound());
    console.error(`bench: round ${i + 1}: topics API ${oursMs.at(-1)!.toFixed(0)} ms, bare kafkajs ${bareMs.at(-1)!.toFixed(0)} ms`);
  }
  await admin.disconnect();

  const page = await pageRenderMs();
  const result = {
    bench: "kafka-topics",
    unit: "ms",
    ours: Math.round(median(oursMs)),
    peer: "bare kafkajs: fetchTopicMetadata + fetchTopicOffsets per topic",
    peerValue: Math.round(median(bareMs)),
    ratio: Number((median(oursMs) / median(bareMs)).toFixed(2)),
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
  const up = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
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
