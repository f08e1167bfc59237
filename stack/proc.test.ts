import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The stack's state (pid files, logs) goes to a directory of this test's own.
const stateDir = mkdtempSync(join(tmpdir(), "eventdeck-proc-"));
vi.stubEnv("EVENTDECK_STACK_DIR", stateDir);
const proc = await import("./proc");
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
}

describe("ports the stack needs", () => {
  const server = createServer();
  let port = 0;
  beforeAll(async () => {
    port = await listen(server);
  });
  afterAll(() => {
    server.close();
  });

  it("finds the process listening on a port", () => {
    expect(proc.portHolder(port)).toMatchObject({ pid: process.pid, commandLine: expect.stringContaining("node") });
  });

  it("refuses a port someone else listens on, naming the holder and the setting to change", () => {
    expect(() => proc.ensurePortFree(port, "EVENTDECK_X_PORT")).toThrow(new RegExp(`port ${port} is already in use by pid ${process.pid} .*EVENTDECK_X_PORT`));
    expect(() => proc.claimPort("x", port, "EVENTDECK_X_PORT", "/usr/bin/prometheus")).toThrow(/already in use/);
  });

  it("takes back its own daemon that lost its pid file, and only that one", () => {
    // This process stands for the daemon: its executable, with "vitest" in its arguments for the state dir.
    const [executable] = readFileSync("/proc/self/cmdline", "utf8").split("\0");
    expect(() => proc.claimPort("x", port, "EVENTDECK_X_PORT", "/usr/bin/prometheus", "vitest")).toThrow(/already in use/);
    expect(proc.runningPid("x", "vitest")).toBeUndefined();
    expect(proc.claimPort("x", port, "EVENTDECK_X_PORT", executable!, "vitest")).toBe(true);
    expect(proc.runningPid("x", "vitest")).toBe(process.pid);
  });

  it("finds nothing on a closed port", async () => {
    const other = createServer();
    const free = await listen(other);
    await new Promise((resolve) => other.close(resolve));
    expect(proc.portHolder(free)).toBeUndefined();
    expect(() => proc.ensurePortFree(free, "EVENTDECK_X_PORT")).not.toThrow();
  });
});

describe("waiting for a daemon", () => {
  it("stops waiting as soon as the daemon exits, and shows its log", async () => {
    proc.startDaemon("doomed", "sh", ["-c", `echo "cannot bind: address in use"; exit 3 # ${stateDir}`]);
    const started = Date.now();
    const wait = proc.waitUntil(
      "doomed",
      async () => {
        proc.assertRunning("doomed");
        return false;
      },
      60_000,
      proc.logFile("doomed"),
    );
    await expect(wait).rejects.toThrow(/doomed exited while starting — see .*doomed\.log; its last lines:\ncannot bind: address in use/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("keeps the pid file of a daemon that is running", async () => {
    const pid = proc.startDaemon("sleeper", "sh", ["-c", `sleep 30; : ${stateDir}`]);
    expect(proc.runningPid("sleeper")).toBe(pid);
    expect(readFileSync(join(stateDir, "run", "sleeper.pid"), "utf8").trim()).toBe(String(pid));
    expect(await proc.stopDaemon("sleeper", 2_000)).toBe(true);
    expect(proc.runningPid("sleeper")).toBeUndefined();
  });
});
