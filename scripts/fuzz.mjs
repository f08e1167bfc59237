// `npm run fuzz`: schemathesis against /api/openapi.json of a running console on the real stack,
// signed in as admin and as viewer, every operation, failing on any 5xx and on any response the
// document does not allow. Needs a build (`npx next build`) and the stack (`npm run stack -- up`).
//
//   FUZZ_EXAMPLES=n   examples per operation in the fuzzing phase, valid and invalid each
//                     (default 8: the whole step stays under five minutes on two cores, as part
//                     of `npm test`); the coverage phase always tries every boundary and
//                     invalid value the schemas imply
//   FUZZ_SEED=n       repeat a run (the seed is printed)
//   FUZZ_URL=http://… fuzz a console that is already running instead of starting one
//                     (sign-in users then come from FUZZ_ADMIN=name:password, FUZZ_VIEWER=…)
//   NEXT_DIST_DIR     the build to start (default .next)
//   FUZZ_SCHEMA=path  fuzz with this OpenAPI document instead of the console's own (while
//                     changing the document: `npx tsx --conditions=react-server` can print it)
//
// A longer run, for before a release: FUZZ_EXAMPLES=100 npm run fuzz (about 8,200 test cases
// per role, 22 minutes on a busy two-core machine).
//
// The console it starts keeps its records in CONSOLE_DATABASE=eventdeck-fuzz-<run>, and the hooks
// in scripts/fuzz-hooks.py move every request into sandbox names (topics and groups
// "fuzz.<run>.…", databases "fuzz_<run>_…"); all of them are deleted at the end, so the shared
// stack keeps nothing.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, openSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { baseEnv, root } from "./lib.mjs";

const schemathesisVersion = "4.32.5";
const examples = Number(process.env.FUZZ_EXAMPLES ?? 8);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const cacheDir = resolve(process.env.EVENTDECK_CACHE ?? join(homedir(), ".cache", "eventdeck"));
const venv = join(cacheDir, "schemathesis");
const reportDir = join(root, "test-results", "fuzz");
// Names of this run (two checkouts may fuzz the same stack at once): the id is the start time in
// base 36, so a later run also removes what a run killed midway left behind.
const runId = Date.now().toString(36);
const consoleDatabase = `eventdeck-fuzz-${runId}`;
const sandbox = { topicPrefix: `fuzz.${runId}.`, groupPrefix: `fuzz.${runId}.`, databasePrefix: `fuzz_${runId}_` };
const staleAfterMs = 3 * 3600_000;

/** Whether a name belongs to this run's sandbox, or to one started more than three hours ago. */
function isOurs(name) {
  const id = /^(?:fuzz[._]|eventdeck-fuzz-)([0-9a-z]{8})(?:[._]|$)/.exec(name)?.[1];
  return id !== undefined && (id === runId || parseInt(id, 36) < Date.now() - staleAfterMs);
}
const runLimitSeconds = Number(process.env.FUZZ_RUN_LIMIT_SECONDS ?? Math.max(900, examples * 30));
const started = Date.now();

function log(message) {
  console.log(`fuzz: ${message}`);
}

/** Installs schemathesis into a virtualenv under the cache dir, once per version. */
function ensureSchemathesis() {
  const bin = join(venv, "bin", "schemathesis");
  const installed = existsSync(bin) ? spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout : "";
  if (installed.includes(`version ${schemathesisVersion}`)) return bin;
  log(`installing schemathesis ${schemathesisVersion} into ${venv}`);
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const run = (command, args) => spawnSync(command, args, { stdio: "inherit" }).status === 0;
  if (!run("python3", ["-m", "venv", venv])) {
    throw new Error("python3 -m venv failed: install Python 3 with venv (apt-get install -y python3-venv)");
  }
  if (!run(join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", `schemathesis==${schemathesisVersion}`])) {
    rmSync(venv, { recursive: true, force: true });
    throw new Error(`pip install schemathesis==${schemathesisVersion} failed`);
  }
  return bin;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitFor(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s (see ${join(reportDir, "console.log")})`);
}

/** Local users for the console it starts: a users file with argon2id hashes of random passwords. */
async function writeUsersFile(dir) {
  let hash;
  try {
    ({ hash } = await import("@node-rs/argon2"));
  } catch {
    return null; // a console without sign-in
  }
  const users = {
    admin: { username: "fuzz-admin", password: randomBytes(18).toString("base64url") },
    viewer: { username: "fuzz-viewer", password: randomBytes(18).toString("base64url") },
  };
  const file = join(dir, "users.json");
  const entries = await Promise.all(Object.entries(users).map(async ([role, u]) => ({ username: u.username, role, passwordHash: await hash(u.password) })));
  writeFileSync(file, JSON.stringify({ users: entries }));
  return { file, users };
}

/** Starts `next start` on a free port with the fuzzing settings; resolves to its URL and a stop function. */
async function startConsole(usersFile) {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(join(root, distDir, "BUILD_ID"))) throw new Error(`no build in ${distDir}: run \`npx next build\` first`);
  const port = await freePort();
  mkdirSync(reportDir, { recursive: true });
  const out = openSync(join(reportDir, "console.log"), "w");
  const env = {
    ...baseEnv,
    NODE_ENV: "production",
    PORT: String(port),
    NEXT_DIST_DIR: distDir,
    CONSOLE_DATABASE: consoleDatabase,
    // A service that never answers: projections and rebuilds are fuzzed without touching the storefront.
    SERVICES: "fuzz=http://127.0.0.1:9",
    REPLAY_WORKER: "off",
    LOG_LEVEL: "warn",
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    ...(usersFile ? { AUTH: "local", AUTH_USERS_FILE: usersFile } : { AUTH: "off" }),
  };
  // Its own process group, so that stopping it stops `next start` under npx too.
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", out, out], detached: true });
  const url = `http://127.0.0.1:${port}`;
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const interrupted = () => {
    signalGroup("SIGTERM");
    process.exit(130);
  };
  process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
  const stop = async () => {
    process.off("SIGINT", interrupted).off("SIGTERM", interrupted);
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    signalGroup("SIGTERM");
    const killed = setTimeout(() => signalGroup("SIGKILL"), 10_000);
    await exited;
    clearTimeout(killed);
  };
  try {
    await waitFor(`${url}/api/health`, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** The session cookie for a user, or null when the console has no sign-in (or it is off). */
async function signIn(url, { username, password }) {
  const session = await fetch(`${url}/api/auth/session`);
  if (!session.ok) return null;
  if ((await session.json()).auth !== "local") return null;
  const response = await fetch(`${url}/api/auth/signin`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-eventdeck-csrf": "1" },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`signing in as ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("eventdeck_session="));
  if (!cookie) throw new Error(`signing in as ${username} set no session cookie`);
  return cookie.split(";")[0];
}

function userFromEnv(value) {
  if (!value) return null;
  const at = value.indexOf(":");
  return { username: value.slice(0, at), password: value.slice(at + 1) };
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
async function seedSandbox(url, cookie) {
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
}

/** One schemathesis run; resolves to its exit status and the path of its JUnit report. */
function runSchemathesis(bin, url, role, cookie, adminCookie) {
  const dir = join(reportDir, role);
  rmSync(dir, { recursive: true, force: true });
  const args = [
    "--config-file",
    join(root, "scripts", "fuzz-schemathesis.toml"),
    "run",
    ...(process.env.FUZZ_SCHEMA ? [resolve(process.env.FUZZ_SCHEMA), "--url", url] : [`${url}/api/openapi.json`]),
    "--checks",
    "not_a_server_error,response_schema_conformance,status_code_conformance",
    "--phases",
    "examples,coverage,fuzzing",
    "--max-examples",
    String(examples),
    "--seed",
    String(seed),
    // One worker per run (the two roles run at once): hypothesis's source inspection is not
    // thread-safe on Python 3.11 ("AST constructor recursion depth mismatch").
    "--workers",
    "1",
    "--request-timeout",
    "30",
    "--generation-with-security-parameters",
    "false",
    // Failing examples are kept here and tried first next time, until they pass.
    "--generation-database",
    join(reportDir, `examples-${role}`),
    "--suppress-health-check",
    "all",
    "--no-color",
    "--report",
    "junit",
    "--report-junit-path",
    join(dir, "junit.xml"),
    ...(cookie ? ["--header", `Cookie: ${cookie}`] : []),
  ];
  log(`${role}: schemathesis ${args.map((a) => (a.startsWith("Cookie:") ? "Cookie: eventdeck_session=…" : a)).join(" ")}`);
  mkdirSync(dir, { recursive: true });
  const output = join(dir, "output.log");
  const out = openSync(output, "w");
  return new Promise((resolveRun) => {
    const child = spawn(bin, args, {
      // Schemathesis keeps its crash files (for `st replay`) in .schemathesis/ under the working directory.
      cwd: reportDir,
      stdio: ["ignore", out, out],
      env: {
        ...process.env,
        SCHEMATHESIS_HOOKS: join(root, "scripts", "fuzz-hooks.py"),
        PYTHONUNBUFFERED: "1",
        // For the hooks' own calls (ending a replay job before its event stream is read).
        FUZZ_TOPIC_PREFIX: sandbox.topicPrefix,
        FUZZ_GROUP_PREFIX: sandbox.groupPrefix,
        FUZZ_DATABASE_PREFIX: sandbox.databasePrefix,
        FUZZ_BASE_URL: url,
        FUZZ_ADMIN_COOKIE: adminCookie ?? "",
      },
    });
    // A fail-safe: every request has its own timeout, but a run must end whatever happens.
    const limit = setTimeout(() => child.kill("SIGKILL"), runLimitSeconds * 1000);
    child.on("exit", (code) => {
      clearTimeout(limit);
      resolveRun({ status: code ?? 1, junit: join(dir, "junit.xml"), output });
    });
  });
}

/** Operations and the test cases schemathesis reports for each, from its JUnit report. */
function readJunit(path) {
  if (!existsSync(path)) return [];
  const xml = readFileSync(path, "utf8");
  return [...xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({
    name: /name="([^"]*)"/.exec(m[1])?.[1] ?? "?",
    failed: /<(failure|error)\b/.test(m[3] ?? ""),
    skipped: /<skipped\b/.test(m[3] ?? ""),
  }));
}

/** Deletes what the run made on the shared stack: sandbox topics, groups and databases, and the console's database. */
async function cleanUp() {
  const { MongoClient } = await import("mongodb");
  const admin = await kafkaAdmin();
  const mongo = new MongoClient(process.env.MONGODB_URI ?? "mongodb://127.0.0.1:27018/", { serverSelectionTimeoutMS: 5_000 });
  const removed = { topics: 0, groups: 0, databases: 0 };
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
  log(`cleaned up ${removed.topics} topics, ${removed.groups} consumer groups and ${removed.databases} databases`);
}

async function main() {
  const bin = ensureSchemathesis();
  mkdirSync(reportDir, { recursive: true });
  let target;
  let identities;
  const tmp = join(tmpdir(), `eventdeck-fuzz-${process.pid}`);
  if (process.env.FUZZ_URL) {
    target = { url: process.env.FUZZ_URL.replace(/\/$/, ""), stop: async () => undefined };
    identities = { admin: userFromEnv(process.env.FUZZ_ADMIN), viewer: userFromEnv(process.env.FUZZ_VIEWER) };
  } else {
    mkdirSync(tmp, { recursive: true });
    const users = await writeUsersFile(tmp);
    target = await startConsole(users?.file);
    identities = users?.users ?? { admin: null, viewer: null };
  }
  const results = [];
  try {
    // Both sign in before any fuzzing: the fuzzed sign-ins soon trip the rate limit for this address.
    const cookies = {};
    for (const [role, user] of Object.entries(identities)) cookies[role] = user ? await signIn(target.url, user) : null;
    const roles = cookies.admin || cookies.viewer ? ["admin", "viewer"] : ["anonymous (no sign-in)"];
    if (roles.length === 1) log("the console has no sign-in (or it is off): one run, every operation open");
    log(`${examples} examples per operation and phase, seed ${seed}; reports in ${reportDir}`);
    await seedSandbox(target.url, cookies.admin);
    // Both roles at once: most of a run's time is spent waiting on the backends, not on the two cores.
    const runs = roles.map(async (role) => {
      const t0 = Date.now();
      const run = await runSchemathesis(bin, target.url, role.split(" ")[0], cookies[role] ?? null, cookies.admin);
      const text = readFileSync(run.output, "utf8");
      const generated = Number(/(\d+) generated/.exec(text)?.[1] ?? 0);
      return { role, ...run, cases: readJunit(run.junit), generated, seconds: (Date.now() - t0) / 1000 };
    });
    for (const run of await Promise.all(runs)) {
      console.log(`\n── schemathesis as ${run.role} ──\n${readFileSync(run.output, "utf8")}`);
      results.push(run);
    }
  } finally {
    await target.stop();
    rmSync(tmp, { recursive: true, force: true });
    await cleanUp().catch((error) => log(`clean-up failed: ${error.message}`));
  }

  // The summary that goes into the issue note: what was tried, per signed-in role.
  console.log("\nfuzz summary:");
  let failed = 0;
  let passed = 0;
  for (const { role, status, cases, generated, seconds } of results) {
    const bad = cases.filter((c) => c.failed);
    failed += bad.length + (status !== 0 && bad.length === 0 ? 1 : 0);
    passed += cases.filter((c) => !c.failed && !c.skipped).length;
    console.log(
      `  ${role}: ${cases.length} operations, ${generated} test cases (coverage: every boundary and invalid value the schemas imply; fuzzing: up to ${examples} valid and ${examples} invalid examples per operation), ${seconds.toFixed(0)} s, ${bad.length} failing, exit ${status}`,
    );
    for (const c of bad) console.log(`    ✖ ${c.name}`);
    if (status !== 0 && bad.length === 0) console.log(`    ✖ schemathesis ended with status ${status} without a failing operation: see its output above`);
  }
  const summary = {
    seed,
    examples,
    seconds: (Date.now() - started) / 1000,
    passed,
    failed,
    runs: results.map(({ role, status, cases, generated, seconds }) => ({
      role,
      status,
      seconds,
      operations: cases.length,
      testCases: generated,
      failing: cases.filter((c) => c.failed).map((c) => c.name),
    })),
  };
  writeFileSync(join(reportDir, "summary.json"), JSON.stringify(summary, null, 2));
  console.log(`  total ${summary.seconds.toFixed(0)} s, seed ${seed}\n`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`fuzz: ${error.message}`);
  process.exit(1);
});
