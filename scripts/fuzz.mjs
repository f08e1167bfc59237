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
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signIn, startConsole, userFromEnv, writeUsersFile } from "./fuzz/console.mjs";
import { cleanUp, seedSandbox } from "./fuzz/sandbox.mjs";
import { ensureSchemathesis, readJunit, runSchemathesis } from "./fuzz/schemathesis.mjs";
import { examples, log, reportDir, seed } from "./fuzz/settings.mjs";

const started = Date.now();

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
