// Schemathesis for `npm run fuzz`: installing it, one run against the console, and its JUnit report.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { root } from "../lib.mjs";
import { examples, log, reportDir, runLimitSeconds, sandbox, seed } from "./settings.mjs";

const schemathesisVersion = "4.32.5";
const cacheDir = resolve(process.env.EVENTDECK_CACHE ?? join(homedir(), ".cache", "eventdeck"));
const venv = join(cacheDir, "schemathesis");

/** Installs schemathesis into a virtualenv under the cache dir, once per version. */
export function ensureSchemathesis() {
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

/** One schemathesis run; resolves to its exit status and the path of its JUnit report. */
export function runSchemathesis(bin, url, role, cookie, adminCookie) {
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
export function readJunit(path) {
  if (!existsSync(path)) return [];
  const xml = readFileSync(path, "utf8");
  return [...xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({
    name: /name="([^"]*)"/.exec(m[1])?.[1] ?? "?",
    failed: /<(failure|error)\b/.test(m[3] ?? ""),
    skipped: /<skipped\b/.test(m[3] ?? ""),
  }));
}
