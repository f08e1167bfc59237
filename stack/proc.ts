import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
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
  // An empty command line is read from a process the kernel is still loading after exec (still
  // ours), a zombie or a kernel thread (no executable): only the last two lose the pid file.
  if (commandLine === "" && processState(pid) !== "Z" && hasExecutable(pid)) return pid;
  rmSync(file, { force: true });
  return undefined;
}

function processState(pid: number): string | undefined {
  try {
    return /^\d+ \(.*\) (\S)/s.exec(readFileSync(`/proc/${pid}/stat`, "utf8"))?.[1];
  } catch {
    return undefined;
  }
}

function hasExecutable(pid: number): boolean {
  try {
    readlinkSync(`/proc/${pid}/exe`);
    return true;
  } catch {
    return false;
  }
}

/** The inodes of the sockets listening on `port` (any address), from /proc/net/tcp and tcp6. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      // sl local_address(HEXIP:HEXPORT) rem_address st(0A = LISTEN) … inode (the tenth field)
      const [, local, , state, , , , , , inode] = line.trim().split(/\s+/);
      if (state === "0A" && inode && parseInt(local?.split(":")[1] ?? "", 16) === port) inodes.add(inode);
    }
  }
  return inodes;
}

/** The process listening on `port`, if any: its pid (when visible) and command line. */
export function portHolder(port: number): { pid?: number; commandLine?: string } | undefined {
  const inodes = listeningInodes(port);
  if (!inodes.size) return undefined;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return { pid: Number(entry), commandLine: commandLineOf(Number(entry))?.trim() };
    }
  }
  return {};
}

/**
 * Makes sure the daemon `name` can listen on `port`. Returns true when the port's holder is
 * this stack's own `name` that lost its pid file — `executable` started with this stack's state
 * dir in its arguments — (its pid is recorded again and it is kept); throws, naming the holder,
 * when anything else listens there.
 */
export function claimPort(name: string, port: number, setting: string, executable: string, marker = `${stateDir}/`): boolean {
  const holder = portHolder(port);
  if (!holder) return false;
  if (holder.pid !== undefined && holder.commandLine?.startsWith(`${executable} `) && holder.commandLine.includes(marker)) {
    writeFileEnsuringDir(pidFile(name), `${holder.pid}\n`);
    return true;
  }
  throw portInUse(port, holder, setting);
}

/** Throws, naming the holder, when anything listens on `port`. */
export function ensurePortFree(port: number, setting: string): void {
  const holder = portHolder(port);
  if (holder) throw portInUse(port, holder, setting);
}

function portInUse(port: number, holder: { pid?: number; commandLine?: string }, setting: string): Error {
  if (holder.pid !== undefined && holder.commandLine?.includes(`${stateDir}/`)) {
    return new Error(
      `port ${port} is held by pid ${holder.pid} of this stack (${holder.commandLine.slice(0, 120)}…): a daemon that lost its pid file ends with \`kill ${holder.pid}\`; ` +
        `otherwise give the stack another port with ${setting}`,
    );
  }
  const who = holder.pid !== undefined ? `pid ${holder.pid} (${(holder.commandLine ?? "").slice(0, 160)})` : "another process";
  return new Error(`port ${port} is already in use by ${who}; stop it or give the stack another port with ${setting}`);
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
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, log?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      if (error instanceof DaemonExited) throw new Error(`${what} exited while starting${logTail(log)}`);
      lastError = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(`${what} was not ready after ${Math.round(timeoutMs / 1000)} s${lastError ? ` (${lastError})` : ""}${logTail(log)}`);
}

/** Thrown by a readiness check whose process is gone: waiting longer cannot help. */
class DaemonExited extends Error {}

/** Fails a readiness check at once when the daemon `name` is no longer running. */
export function assertRunning(name: string, marker?: string): void {
  if (runningPid(name, marker) === undefined) throw new DaemonExited(`${name} exited`);
}

/** " — see <log>", then the log's last lines, for an error that must say why a daemon failed. */
function logTail(log: string | undefined, lines = 15): string {
  if (!log) return "";
  let tail = "";
  try {
    tail = readFileSync(log, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    // no log yet
  }
  return ` — see ${log}${tail ? `; its last lines:\n${tail}` : " (empty)"}`;
}

export function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

export function writeFileEnsuringDir(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
