/**
 * The benches' smoke run: every bench once, in a small size, each as its own
 * `npm run bench -- <name>` child with a time limit, so a change that breaks a bench fails
 * the tests. No timing is asserted: a bench passes when it ends by itself with status 0 and
 * its last stdout line is its JSON line (`bench` its name, a numeric `ours`, `oursDoes` and
 * `peerDoes` strings). Writes test-results/bench-smoke.json and each bench's output to
 * test-results/bench-smoke/<name>.log; exits 1 when any failed.
 *
 *   npx tsx --conditions=react-server bench/smoke.ts [name …]
 *
 * Needs the stack up and, for `load`, a production build (`npx next build`). Small sizes use
 * fixtures of their own (sizes are in the topic and collection names), made on the first run
 * and kept, like the full-size ones. The demo's storefront and load generator may be running:
 * the figures are worth nothing then, but the smoke run only asks that every bench works.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

interface SmokeBench {
  name: string;
  args?: string[];
  env?: Record<string, string>;
  /** Seconds before the bench is stopped and failed; first runs also install kcat or mongo-express and make fixtures. */
  timeout?: number;
}

const smallBenches: SmokeBench[] = [
  { name: "storefront", env: { BENCH_RATE: "10", BENCH_SECONDS: "2", BENCH_ROUNDS: "1", BENCH_WARMUP_SECONDS: "0" }, timeout: 180 },
  { name: "kafka-topics", args: ["--topics", "20", "--rounds", "1", "--warmup", "1"] },
  { name: "kafka-lag", args: ["--topics", "20", "--groups", "5", "--rounds", "1", "--warmup", "1", "--load-seconds", "2"] },
  { name: "kafka-search", env: { BENCH_SEARCH_MESSAGES: "5000", BENCH_ROUNDS: "1" } },
  { name: "kafka-search-lz4", env: { BENCH_SEARCH_MESSAGES: "5000", BENCH_ROUNDS: "1" } },
  { name: "kafka-search-zstd", env: { BENCH_SEARCH_MESSAGES: "5000", BENCH_ROUNDS: "1" } },
  { name: "kafka-search-avro", env: { BENCH_SEARCH_MESSAGES: "5000", BENCH_ROUNDS: "1" } },
  { name: "metrics", env: { BENCH_ROUNDS: "1" } },
  { name: "mongo-paging", args: ["--documents", "5000", "--rounds", "1"] },
  { name: "replay", env: { BENCH_EVENTS: "5000", BENCH_ROUNDS: "1" } },
  { name: "load", env: { BENCH_SECONDS: "3", BENCH_VIEWER_SECONDS: "2", BENCH_CONNECTIONS: "10" } },
  { name: "trace", env: { BENCH_TRACE_MESSAGES: "5000", BENCH_ROUNDS: "1" } },
];

interface SmokeResult {
  bench: string;
  ok: boolean;
  seconds: number;
  line?: string;
  error?: string;
}

const root = join(import.meta.dirname, "..");
const logDir = join(root, "test-results", "bench-smoke");

/** Checks the last stdout line of a bench: its JSON line, naming both sides' work; returns what is wrong, if anything. */
function checkLine(name: string, line: string | undefined): string | undefined {
  if (!line) return "printed nothing on stdout";
  let result: Record<string, unknown>;
  try {
    result = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `the last stdout line is not JSON: ${line.slice(0, 200)}`;
  }
  if (result.bench !== name) return `"bench" is ${JSON.stringify(result.bench)}, not "${name}"`;
  if (typeof result.ours !== "number" || !Number.isFinite(result.ours)) return `"ours" is ${JSON.stringify(result.ours)}, not a number`;
  for (const key of ["oursDoes", "peerDoes"])
    if (typeof result[key] !== "string" || !(result[key] as string).trim()) return `"${key}" is missing or not a string`;
  return undefined;
}

function runBench(bench: SmokeBench): Promise<SmokeResult> {
  const timeout = bench.timeout ?? 150;
  // The caller's BENCH_* settings (sizes, a console URL) would make a full-size run: left out.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("BENCH_")));
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "bench", "--", bench.name, ...(bench.args ?? [])], {
      cwd: root,
      env: { ...env, ...bench.env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a bench past its time is stopped with everything it started.
      detached: true,
    });
    let stdout = "";
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += String(chunk);
      log += String(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => (log += String(chunk)));
    let timedOut = false;
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill("SIGTERM");
      setTimeout(() => kill("SIGKILL"), 5_000).unref();
    }, timeout * 1000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
      writeFileSync(join(logDir, `${bench.name}.log`), log);
      const line = stdout
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .at(-1);
      const tail = log.trim().split("\n").slice(-15).join("\n");
      const problem = timedOut ? `did not finish within ${timeout} s` : code !== 0 ? `exited with ${code ?? signal}` : checkLine(bench.name, line);
      resolve(problem ? { bench: bench.name, ok: false, seconds, error: `${problem}\n${tail}` } : { bench: bench.name, ok: true, seconds, line });
    });
  });
}

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !smallBenches.some((b) => b.name === name));
if (unknown.length) {
  console.error(`bench smoke: no bench named ${unknown.join(", ")}; choose among ${smallBenches.map((b) => b.name).join(", ")}`);
  process.exit(2);
}
mkdirSync(logDir, { recursive: true });
const started = performance.now();
const results: SmokeResult[] = [];
for (const bench of smallBenches.filter((b) => !asked.length || asked.includes(b.name))) {
  const result = await runBench(bench);
  results.push(result);
  console.log(
    `bench smoke: ${result.ok ? "ok  " : "FAIL"} ${bench.name} (${result.seconds} s)${result.ok ? "" : `: ${result.error!.replace(/\n/g, "\n    ")}`}`,
  );
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
writeFileSync(join(root, "test-results", "bench-smoke.json"), `${JSON.stringify({ passed, failed, results }, null, 2)}\n`);
console.log(
  `bench smoke: ${passed} passed, ${failed} failed in ${((performance.now() - started) / 1000).toFixed(0)} s (test-results/bench-smoke.json, logs in test-results/bench-smoke/)`,
);
process.exit(failed ? 1 : 0);
