import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import type { Kafka } from "kafkajs";
import type { ReplayJob } from "@/lib/schemas/replay";
import { getReplayJob } from "@/server/replay/jobs";
import { uniqueName } from "./stack";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A replay worker process (server/replay/worker-cli.ts) with this process's settings: the console's runner, without the web server. */
export function startReplayWorker(): { child: ChildProcess; output: string[] } {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "server/replay/worker-cli.ts"], {
    cwd: root,
    env: { ...process.env, REPLAY_WORKER: "on", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(String(chunk)));
  child.stderr?.on("data", (chunk: Buffer) => output.push(String(chunk)));
  return { child, output };
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

/** Polls the job until `done` says so (or the time runs out, answering the job's last state in the error). */
export async function waitForJob(id: string, done: (job: ReplayJob) => boolean, timeoutMs = 120_000, everyMs = 100): Promise<ReplayJob> {
  const deadline = Date.now() + timeoutMs;
  let job = await getReplayJob(id);
  while (!done(job)) {
    if (Date.now() > deadline)
      throw new Error(
        `job ${id} did not get there in ${timeoutMs} ms: ${JSON.stringify({ state: job.state, error: job.error, done: job.progress.done, total: job.progress.total })}`,
      );
    await sleep(everyMs);
    job = await getReplayJob(id);
  }
  return job;
}

export interface ReadRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  timestamp: string;
  headers: Record<string, string>;
}

/**
 * Everything a read_committed consumer (kafkajs's, not the console's reader) sees in `topic`:
 * reads until `expected` records arrived, then 1.5 s more so that duplicates would show.
 */
export async function readCommitted(kafka: Kafka, topic: string, expected: number, timeoutMs = 120_000): Promise<ReadRecord[]> {
  const consumer = kafka.consumer({ groupId: uniqueName("verify"), readUncommitted: false, maxBytes: 32 * 1024 * 1024 });
  const records: ReadRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          records.push({
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString() ?? null,
            value: m.value?.toString() ?? "",
            timestamp: m.timestamp,
            headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])),
          });
        }
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (records.length < expected && Date.now() < deadline) await sleep(100);
    await sleep(1_500);
    return records;
  } finally {
    await consumer.disconnect();
  }
}
