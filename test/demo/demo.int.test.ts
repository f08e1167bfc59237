import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ports } from "@/stack/settings";

/**
 * `npm run demo` as a new user runs it, right after the stack was stopped and started again: the
 * broker has only just loaded its coordinators, which is when a storefront service used to exit
 * ("the coordinator is loading"). One try, no retries: the demo must come up, print its URL and
 * a first password, and that password must open the overview.
 */
const root = join(import.meta.dirname, "..", "..");
const port = 3111;
const usersDir = mkdtempSync(join(tmpdir(), "eventdeck-demo-"));

function stack(...args: string[]): void {
  const result = spawnSync("npx", ["tsx", "stack/cli.ts", ...args], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`stack ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
}

let demo: ChildProcess | undefined;
let output = "";
let browser: Browser | undefined;

/** Resolves with the first match of `pattern` in the demo's output, or fails when the demo exits first. */
function waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in the demo's output after ${timeoutMs / 1000} s:\n${output.slice(-3000)}`)), timeoutMs);
    const look = () => {
      const match = output.match(pattern);
      if (!match) return false;
      clearTimeout(timer);
      resolve(match);
      return true;
    };
    if (look()) return;
    demo!.stdout!.on("data", look);
    demo!.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code}) before printing ${pattern}:\n${output.slice(-3000)}`));
    });
  });
}

/** This environment with what a new user has: sign-in on, no users and no session secret yet. */
function demoEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), AUTH: "local", AUTH_USERS_FILE: join(usersDir, "users.json") };
  delete env.SESSION_SECRET;
  delete env.SESSION_SECRET_FILE;
  return env;
}

beforeAll(() => {
  stack("down");
  stack("up");
  demo = spawn("node", ["scripts/demo.mjs"], {
    cwd: root,
    detached: true, // its own process group, so the console it starts ends with it
    env: demoEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  demo.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  demo.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
});

afterAll(async () => {
  await browser?.close();
  if (demo?.pid && demo.exitCode === null) process.kill(-demo.pid, "SIGINT");
  // The demo leaves the stack and its storefront running, as it says; this run stops the storefront.
  stack("down", "loadgen", "services");
  rmSync(usersDir, { recursive: true, force: true });
});

describe("npm run demo", () => {
  it("comes up on its first try after the stack restarted, and its printed password opens the overview", async () => {
    const [, password] = await waitForOutput(/sign in as "admin" with the password (\S+)/, 300_000);
    const [, url] = await waitForOutput(/Eventdeck is running at (http:\/\/localhost:\d+)/, 300_000);
    expect(url).toBe(`http://localhost:${port}`);
    expect(output).toContain("waiting until Kafka's group and transaction coordinators have loaded");
    expect(output).not.toMatch(/storefront did not start|✖/);

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
    const page = await browser.newPage();
    await page.goto(url!);
    await page.getByLabel("User name").fill("admin");
    await page.getByLabel("Password").fill(password!);
    await page.getByRole("button", { name: "Sign in" }).click();
    for (const backend of ["Kafka", "MongoDB", "Prometheus"]) {
      await page
        .getByRole("region", { name: `${backend} health` })
        .and(page.locator('[data-status="up"]'))
        .waitFor({ timeout: 30_000 });
    }
    // The storefront the demo started is there to see: its services answer their health checks.
    for (const service of [ports.accounts, ports.orders, ports.fulfillment]) expect((await fetch(`http://127.0.0.1:${service}/healthz`)).status).toBe(200);
  }, 420_000);
});
