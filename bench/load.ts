import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashSync } from "@node-rs/argon2";
import autocannon from "autocannon";
import * as hdr from "hdr-histogram-js";
import { freePort } from "../test/support/ports";

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const viewerSeconds = Number(process.env.BENCH_VIEWER_SECONDS ?? 20);
const root = join(import.meta.dirname, "..");

/** The console under load: BENCH_CONSOLE_URL (with BENCH_USER / BENCH_PASSWORD), or a `next start` of the current build with a bench viewer. */
async function consoleUnderTest(): Promise<{ url: string; user: string; password: string; child?: ChildProcess }> {
  if (process.env.BENCH_CONSOLE_URL)
    return { url: process.env.BENCH_CONSOLE_URL, user: process.env.BENCH_USER ?? "", password: process.env.BENCH_PASSWORD ?? "" };
  // NEXT_DIST_DIR (next.config.js) names another build folder; `next start` below reads it too.
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(join(root, distDir, "BUILD_ID")))
    throw new Error(`load needs a production build in ${distDir}: run \`npx next build\` first (or set BENCH_CONSOLE_URL)`);
  const dir = mkdtempSync(join(tmpdir(), "eventdeck-load-"));
  const password = "bench viewer password";
  writeFileSync(join(dir, "users.json"), JSON.stringify({ users: [{ username: "bench-viewer", role: "viewer", passwordHash: hashSync(password) }] }));
  const port = await freePort();
  const child = spawn("npx", ["next", "start", "-p", String(port)], {
    cwd: root,
    env: {
      ...process.env,
      AUTH: "local",
      AUTH_USERS_FILE: join(dir, "users.json"),
      SESSION_SECRET: "the load bench's console session secret",
      REPLAY_WORKER: "off",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
    detached: true,
  });
  // Its own process group (next start has children): stopped with it when this bench is stopped (the smoke run's time limit).
  process.once("SIGTERM", () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } finally {
      process.exit(143);
    }
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, user: "bench-viewer", password, child };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the console did not start within 60 s");
}

async function signIn(url: string, username: string, password: string): Promise<string> {
  if (!username) return "";
  const response = await fetch(`${url}/api/auth/signin`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-eventdeck-csrf": "1" },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`signing in as ${username} failed: ${response.status} ${await response.text()}`);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

/** Values of one metric (summed over labels) from the console's own /api/metrics. */
async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/api/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}

const panelsBody = JSON.stringify({ dashboard: "system-overview", range: { last: "1h" } });

function endpoints(cookie: string) {
  const headers = { cookie, accept: "application/json" };
  return [
    { method: "GET" as const, path: "/api/kafka/overview", headers },
    // The home overview's "needs a look" panel: groups, lag, scrape state and collection counts.
    { method: "GET" as const, path: "/api/system/map", headers },
    { method: "GET" as const, path: "/api/kafka/topics", headers },
    {
      method: "POST" as const,
      path: "/api/prometheus/panels",
      headers: { ...headers, "content-type": "application/json", "x-eventdeck-csrf": "1" },
      body: panelsBody,
    },
  ];
}

/** Kafka requests per second the console sends while `clients` clients request the endpoints back to back for `duration` s. */
async function kafkaRateUnder(url: string, cookie: string, clients: number, duration: number, latencies?: hdr.Histogram) {
  const before = await metric(url, "eventdeck_kafka_requests_total");
  const started = Date.now();
  const result = await autocannon({
    url,
    connections: clients,
    duration,
    requests: endpoints(cookie),
    ...(latencies ? { histograms: { latencies } } : {}),
  } as autocannon.Options);
  const elapsed = (Date.now() - started) / 1000;
  return { rate: ((await metric(url, "eventdeck_kafka_requests_total")) - before) / elapsed, result, elapsed };
}

/**
 * 50 clients hitting the Kafka overview, the system map (the home overview's panel), the topics list and the System overview dashboard's data
 * as fast as they answer, for 60 s, against the real stack: errors, latency percentiles,
 * the console's memory before and after, and the Kafka requests it sent per second compared
 * with one client doing the same (cached for 2 s and coalesced, so 50 cost what one does).
 */
export async function benchLoad(): Promise<Record<string, unknown>> {
  const target = await consoleUnderTest();
  try {
    const cookie = await signIn(target.url, target.user, target.password);
    for (const e of endpoints(cookie)) await fetch(`${target.url}${e.path}`, { method: e.method, headers: e.headers, body: e.body });
    const viewer = await kafkaRateUnder(target.url, cookie, 1, viewerSeconds);
    const rssBefore = await metric(target.url, "eventdeck_process_resident_memory_bytes");
    const latencies = hdr.build({
      bitBucketSize: 64,
      autoResize: true,
      lowestDiscernibleValue: 1,
      highestTrackableValue: 60_000,
      numberOfSignificantValueDigits: 3,
    });
    const { rate: loadRate, result, elapsed: loadSeconds } = await kafkaRateUnder(target.url, cookie, connections, seconds, latencies);
    const viewerRate = viewer.rate;
    const rssAfter = await metric(target.url, "eventdeck_process_resident_memory_bytes");
    const errors = result.errors + result.timeouts + result.non2xx;
    console.error(`bench: ${result.requests.total} requests in ${loadSeconds.toFixed(0)} s (${result.requests.average}/s), ${errors} errors`);
    return {
      bench: "load",
      unit: "kafka requests/s",
      ours: Number(loadRate.toFixed(1)),
      oursDoes: `${connections} autocannon clients signed in as a viewer requesting GET /api/kafka/overview, GET /api/system/map, GET /api/kafka/topics and POST /api/prometheus/panels (System overview, 1h) back to back for ${seconds} s against a next start of the build; Kafka requests the console sent per second, from its own /api/metrics`,
      peer: "one client requesting the same four endpoints back to back",
      peerDoes: `one autocannon client requesting the same four endpoints back to back for ${viewerSeconds} s against the same console, after one request to each; Kafka requests per second counted the same way`,
      peerValue: Number(viewerRate.toFixed(1)),
      ratio: Number((loadRate / viewerRate).toFixed(2)),
      n: 1,
      connections,
      seconds,
      viewerSeconds,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      oneClientRequestsPerSecond: viewer.result.requests.average,
      errors,
      p50: latencies.getValueAtPercentile(50),
      p95: latencies.getValueAtPercentile(95),
      p99: latencies.getValueAtPercentile(99),
      rssBeforeMb: Math.round(rssBefore / 1024 / 1024),
      rssAfterMb: Math.round(rssAfter / 1024 / 1024),
    };
  } finally {
    if (target.child?.pid) process.kill(-target.child.pid, "SIGTERM");
  }
}
