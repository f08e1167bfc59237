import { join } from "node:path";
import { brokerAddresses } from "./kafka";
import { mongoUri } from "./mongo";
import { assertRunning, logFile, runningPid, startDaemon, stopDaemon, waitUntil } from "./proc";
import { ports, readinessTimeoutMs, stackSourceDir } from "./settings";

const storefront = ["accounts", "orders", "fulfillment"] as const;
const servicesDir = join(stackSourceDir, "..", "services");
const script = (name: string) => join(servicesDir, name, "main.ts");

function serviceEnv(name: (typeof storefront)[number]): Record<string, string> {
  return {
    PORT: String(ports[name]),
    KAFKA_BROKERS: brokerAddresses(1).join(","),
    MONGODB_URI: mongoUri,
    KAFKAJS_NO_PARTITIONER_WARNING: "1",
    // The demo's fulfillment is deliberately a little slow, so lag is there to see.
    ...(name === "fulfillment" ? { FULFILLMENT_DELAY_MS: process.env.FULFILLMENT_DELAY_MS ?? "150" } : {}),
  };
}

/** Starts the storefront services (needs Kafka and MongoDB up) and waits for their /healthz. */
export async function startServices(): Promise<string> {
  for (const name of storefront) {
    if (runningPid(name, script(name))) continue;
    startDaemon(name, process.execPath, ["--import", "tsx", script(name)], serviceEnv(name));
  }
  await Promise.all(
    storefront.map((name) =>
      waitUntil(
        `storefront service ${name}`,
        async () => {
          assertRunning(name, script(name));
          return (await fetch(`http://127.0.0.1:${ports[name]}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
        },
        readinessTimeoutMs,
        logFile(name),
      ),
    ),
  );
  return `storefront: ${storefront.map((name) => `${name} on :${ports[name]}`).join(", ")}`;
}

export function stopLoadgen(): Promise<boolean> {
  return stopDaemon("loadgen", 5_000, script("loadgen"));
}

export async function stopServices(): Promise<string[]> {
  await stopLoadgen();
  const stopped = await Promise.all(storefront.map(async (name) => ((await stopDaemon(name, 30_000, script(name))) ? name : undefined)));
  return stopped.filter((name): name is (typeof storefront)[number] => !!name);
}

/** Starts a gentle, long-running load (the demo's live traffic). */
export function startLoadgen(rate = Number(process.env.EVENTDECK_DEMO_RATE ?? 3)): string {
  if (runningPid("loadgen", script("loadgen"))) return "loadgen already running";
  startDaemon("loadgen", process.execPath, [
    "--import",
    "tsx",
    script("loadgen"),
    `--accounts=http://127.0.0.1:${ports.accounts}`,
    `--orders=http://127.0.0.1:${ports.orders}`,
    `--rate=${rate}`,
    "--duration=24h",
    "--customers=25",
  ]);
  return `loadgen placing ${rate} orders/s (log: ${logFile("loadgen")})`;
}

export function servicesStatus(): string[] {
  return [...storefront, "loadgen"].map((name) => {
    const pid = runningPid(name, script(name));
    const where = name === "loadgen" ? "" : ` on http://127.0.0.1:${ports[name as (typeof storefront)[number]]}`;
    return `${name}: ${pid ? `running${where}` : "stopped"}`;
  });
}

export function servicesRunning(): Record<string, boolean> {
  return Object.fromEntries([...storefront, "loadgen"].map((name) => [name, !!runningPid(name, script(name))]));
}
