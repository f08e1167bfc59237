// The console `npm run fuzz` fuzzes: started on a free port with local users, and signed in to.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { baseEnv, root } from "../lib.mjs";
import { consoleDatabase, reportDir } from "./settings.mjs";

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
export async function writeUsersFile(dir) {
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
export async function startConsole(usersFile) {
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
export async function signIn(url, { username, password }) {
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

export function userFromEnv(value) {
  if (!value) return null;
  const at = value.indexOf(":");
  return { username: value.slice(0, at), password: value.slice(at + 1) };
}
