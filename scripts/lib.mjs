// Helpers shared by `npm test` and `npm run demo`. Plain Node, no dependencies:
// these scripts run before `node_modules` exists.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export const baseEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
};

/** Runs a command in the repo with inherited output; returns its exit status. */
export function sh(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...baseEnv, ...env } });
  return result.status ?? 1;
}

/** Like sh, but returns stdout. */
export function capture(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", env: baseEnv });
  return result.status === 0 ? result.stdout : undefined;
}

export function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

/** Installs npm packages from the lockfile when node_modules is missing or older than the lockfile. */
export function ensureNodeModules() {
  const installed = join(root, "node_modules", ".package-lock.json");
  const lock = join(root, "package-lock.json");
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  // `npm install` rather than `npm ci`: the registry these machines reach serves
  // only this platform's optional binaries (@next/swc-*, lightningcss-*, …), so
  // the lockfile lacks the other platforms' entries and `npm ci` refuses it.
  // With the lockfile present, `npm install` installs exactly the locked versions.
  console.log("▸ npm install (from package-lock.json)");
  if (sh("npm", ["install", "--no-audit", "--no-fund"]) !== 0) fail("npm install failed");
}

export function stack(...args) {
  return sh("npx", ["tsx", "stack/cli.ts", ...args]);
}

export function stackStatus() {
  const out = capture("npx", ["tsx", "stack/cli.ts", "status", "--json"]);
  return out ? JSON.parse(out) : { kafka: null, mongo: false, prometheus: false };
}

/** What `next build` reads: a build newer than all of these is the build of this checkout. */
const buildInputs = [
  "app",
  "components",
  "lib",
  "server",
  "public",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

/** The newest modification time under `path` (a file or a directory tree), 0 when it does not exist. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether `.next` holds a production build made after the last change to any of its inputs. */
export function buildIsCurrent() {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return buildInputs.every((input) => newestMtime(join(root, input)) <= builtAt);
}
