import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { stateDir } from "./settings";

const runDir = join(stateDir, "run");
export const logDir = join(stateDir, "logs");

export function logFile(name: string): string {
  return join(logDir, `${name}.log`);
}

function pidFile(name: string): string {
  return join(runDir, `${name}.pid`);
}

function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return undefined;
  }
}

/**
 * The pid recorded for `name`, if that process is still alive and is still ours:
 * a pid file left by a crash may name a pid the system has since reused, so the
 * command line must mention this stack's state dir (or, for the storefront, the
 * service's script in this checkout).
 */
export function runningPid(name: string, marker = stateDir): number | undefined {
  const file = pidFile(name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  const commandLine = Number.isInteger(pid) && pid > 0 ? commandLineOf(pid) : undefined;
  if (commandLine?.includes(marker)) return pid;
  rmSync(file, { force: true });
  return undefined;
}

/** Starts a detached daemon whose output goes to its log file and records its pid. */
export function startDaemon(name: string, command: string, args: string[], env: Record<string, string> = {}): number {
  mkdirSync(runDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const out = openSync(logFile(name), "a");
  const child = spawn(command, args, {
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, ...env },
  });
  closeSync(out);
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  child.unref();
  writeFileSync(pidFile(name), `${child.pid}\n`);
  return child.pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the daemon `name` started: SIGTERM, then SIGKILL after `graceMs`, and verifies it is gone. */
export async function stopDaemon(name: string, graceMs = 15_000, marker?: string): Promise<boolean> {
  const pid = runningPid(name, marker);
  if (pid === undefined) return false;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) {
    process.kill(pid, "SIGKILL");
    while (alive(pid)) await sleep(50);
  }
  rmSync(pidFile(name), { force: true });
  return true;
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-20).join("\n");
    throw new Error(`${command} ${args.join(" ")} exited with ${result.status}:\n${output}`);
  }
  return String(result.stdout ?? "");
}

/** Polls `check` until it returns true or the timeout passes; the error names what failed and where its log is. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  log?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  const where = log ? ` — see ${log}` : "";
  throw new Error(`${what} was not ready after ${Math.round(timeoutMs / 1000)} s${lastError ? ` (${lastError})` : ""}${where}`);
}

export function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

export function writeFileEnsuringDir(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
