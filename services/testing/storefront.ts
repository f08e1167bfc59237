import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Kafka, logLevel } from "kafkajs";
import { MongoClient } from "mongodb";
import { names } from "../shared/config";
import { ports } from "../../stack/settings";
import { freePort } from "../../test/support/ports";

const stackRegistryUrl = `http://127.0.0.1:${ports.schemaRegistry}/apis/ccompat/v7`;

export const serviceNames = ["accounts", "orders", "fulfillment"] as const;
export type ServiceName = (typeof serviceNames)[number];

/**
 * A storefront of real service processes in a namespace of its own (topics, databases
 * and groups prefixed), on the stack's real Kafka and MongoDB, for tests and benchmarks.
 */
export class Storefront {
  readonly names;
  private readonly processes = new Map<ServiceName, { child: ChildProcess; output: string[] }>();
  private readonly ports = new Map<ServiceName, number>();

  constructor(
    readonly namespace: string,
    readonly backends: { kafkaBrokers: string[]; mongoUri: string; schemaRegistryUrl?: string },
  ) {
    this.names = names(namespace);
  }

  url(service: ServiceName): string {
    const port = this.ports.get(service);
    if (!port) throw new Error(`${service} was never started`);
    return `http://127.0.0.1:${port}`;
  }

  async start(service: ServiceName, env: Record<string, string> = {}): Promise<void> {
    if (this.processes.has(service)) return;
    const port = this.ports.get(service) ?? (await freePort());
    this.ports.set(service, port);
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "..", service, "main.ts")], {
      env: {
        ...process.env,
        STOREFRONT_NAMESPACE: this.namespace,
        PORT: String(port),
        KAFKA_BROKERS: this.backends.kafkaBrokers.join(","),
        MONGODB_URI: this.backends.mongoUri,
        SCHEMA_REGISTRY_URL: this.backends.schemaRegistryUrl ?? stackRegistryUrl,
        LOG_LEVEL: "warn",
        KAFKAJS_NO_PARTITIONER_WARNING: "1",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    const keep = (chunk: Buffer) => {
      output.push(String(chunk));
      if (output.length > 200) output.shift();
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.processes.set(service, { child, output });
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}:\n${output.join("")}`);
      const healthy = await fetch(`${this.url(service)}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) return;
      await sleep(200);
    }
    throw new Error(`${service} did not become healthy:\n${output.join("")}`);
  }

  async startAll(env: Partial<Record<ServiceName, Record<string, string>>> = {}): Promise<void> {
    await Promise.all(serviceNames.map((service) => this.start(service, env[service])));
  }

  /** Stops a service the way an orchestrator does (SIGTERM) and waits for it to exit. */
  async stop(service: ServiceName): Promise<number | null> {
    const running = this.processes.get(service);
    if (!running) return null;
    this.processes.delete(service);
    const { child } = running;
    if (child.exitCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    const code = await Promise.race([exited, sleep(30_000).then(() => "timeout" as const)]);
    if (code === "timeout") {
      child.kill("SIGKILL");
      throw new Error(`${service} did not stop within 30 s of SIGTERM:\n${running.output.join("")}`);
    }
    return code;
  }

  async stopAll(): Promise<void> {
    const results = await Promise.allSettled(serviceNames.map((service) => this.stop(service)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  output(service: ServiceName): string {
    return this.processes.get(service)?.output.join("") ?? "";
  }

  /** Removes this namespace's topics, consumer groups and databases. */
  async destroy(): Promise<void> {
    // Clean up even when a service had to be killed: the caller still hears of the failure.
    const stopped = await this.stopAll().then(
      () => undefined,
      (error: unknown) => error,
    );
    const admin = new Kafka({ clientId: "storefront-cleanup", brokers: this.backends.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${this.namespace}.`));
      if (topics.length) await admin.deleteTopics({ topics });
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(`${this.namespace}.`));
      if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
    // The subject fulfillment registered its Avro schema under: deleted for good (soft, then hard).
    const subject = `${this.backends.schemaRegistryUrl ?? stackRegistryUrl}/subjects/${encodeURIComponent(`${this.names.topics.fulfillmentChange}-value`)}`;
    for (const url of [subject, `${subject}?permanent=true`]) await fetch(url, { method: "DELETE" }).catch(() => undefined);
    const mongo = new MongoClient(this.backends.mongoUri);
    try {
      await Promise.all(serviceNames.map((service) => mongo.db(this.names.database(service)).dropDatabase()));
    } finally {
      await mongo.close();
    }
    if (stopped) throw stopped;
  }
}

/** POSTs or PATCHes JSON to a service and returns status and body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from a service; callers check its shape
export async function sendJson(method: string, url: string, body: unknown): Promise<{ status: number; body: any }> {
  const send = () => fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  // Sent again only when it never reached the service: refused, or a kept-alive socket the
  // service had just closed (undici retries that itself for GET, not for POST).
  const response = await send().catch(async (error: unknown) => {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== "ECONNREFUSED" && code !== "UND_ERR_SOCKET" && code !== "ECONNRESET") throw error;
    await sleep(500);
    return send();
  });
  return { status: response.status, body: await response.json() };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from a service; callers check its shape
export async function getJson(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}
