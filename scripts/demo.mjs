// `npm run demo`: installs what is missing, brings the stack up with the storefront
// services and a gentle load on them, builds and starts the console, and prints its
// URL. Ctrl-C stops the console; the stack keeps running until `npm run stack -- down`.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { baseEnv, buildIsCurrent, ensureNodeModules, fail, root, sh, stack } from "./lib.mjs";

const port = process.env.PORT ?? "3000";

/**
 * Sign-in is on by default and there are no default credentials: on a first run the demo makes
 * an admin with a random password (printed once, stored only as an argon2id hash) and a session
 * secret kept beside it, so sessions survive restarts of the demo.
 */
async function demoUsers() {
  if ((process.env.AUTH ?? "local") !== "local") return {};
  const usersFile = resolve(root, process.env.AUTH_USERS_FILE ?? ".eventdeck/users.json");
  const secretFile = join(dirname(usersFile), "session-secret");
  mkdirSync(dirname(usersFile), { recursive: true, mode: 0o700 });
  const users = existsSync(usersFile) ? (JSON.parse(readFileSync(usersFile, "utf8")).users ?? []) : [];
  if (users.length === 0) {
    const { hash } = await import("@node-rs/argon2");
    const password = randomBytes(12).toString("base64url");
    writeFileSync(usersFile, `${JSON.stringify({ users: [{ username: "admin", role: "admin", passwordHash: await hash(password) }] }, null, 2)}\n`, {
      mode: 0o600,
    });
    console.log(
      `\n  First run: sign in as "admin" with the password ${password}\n  (shown once; add users with \`npm run user -- add <name> <viewer|operator|admin>\`)\n`,
    );
  }
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return { AUTH_USERS_FILE: usersFile, ...(process.env.SESSION_SECRET ? {} : { SESSION_SECRET_FILE: secretFile }) };
}

ensureNodeModules();
if (stack("install") !== 0) fail("installing the stack failed (see above)");
// `up` waits until Kafka's group and transaction coordinators answer, so the storefront's first
// consumer join and producer id are not refused by a broker that is still loading them.
if (stack("up") !== 0) fail("the stack did not start; `npm run stack -- logs` shows why");
console.log("▸ storefront services and their load");
if (stack("up", "services", "loadgen") !== 0) fail("the storefront did not start; `npm run stack -- logs accounts orders fulfillment` shows why");
if (buildIsCurrent()) console.log("▸ next build: the build in .next is newer than every source file; using it");
else {
  console.log("▸ next build");
  if (sh("npx", ["next", "build"]) !== 0) fail("the console did not build");
}

const consoleProcess = spawn("npx", ["next", "start", "-p", port], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...baseEnv, ...(await demoUsers()) },
});
consoleProcess.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (String(chunk).includes("Ready")) {
    console.log(`\n  Eventdeck is running at http://localhost:${port}\n  Stop the console with Ctrl-C; stop the stack with \`npm run stack -- down\`.\n`);
  }
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => consoleProcess.kill(signal));
consoleProcess.on("exit", (code) => process.exit(code ?? 0));
