import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** Where downloads and builds are cached, shared by every checkout on the machine. */
export const cacheDir = resolve(process.env.EVENTDECK_CACHE ?? join(homedir(), ".cache", "eventdeck"));

/** Where this checkout's stack keeps data, logs and pid files. */
export const stateDir = resolve(process.env.EVENTDECK_STACK_DIR ?? join(import.meta.dirname, "..", ".stack"));

export const stackSourceDir = import.meta.dirname;

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a TCP port (1-65535), got "${raw}"`);
  }
  return value;
}

/** Kafka lines the stack can run, and the exact release of each. */
export const kafkaReleases = {
  "4.1": { version: "4.1.2", profile: "kafka4" },
  "3.9": { version: "3.9.2", profile: "kafka3" },
} as const;
export type KafkaLine = keyof typeof kafkaReleases;
export const defaultKafkaLine: KafkaLine = "4.1";

export const ferretdbVersion = "v1.24.2";

export const ports = {
  /** First broker's client port; broker n listens on kafka + 2(n-1), its controller on the next port. */
  kafka: port("EVENTDECK_KAFKA_PORT", 19092),
  mongo: port("EVENTDECK_MONGO_PORT", 27018),
  mongoDebug: port("EVENTDECK_MONGO_DEBUG_PORT", 27019),
  prometheus: port("EVENTDECK_PROMETHEUS_PORT", 19090),
  accounts: port("EVENTDECK_ACCOUNTS_PORT", 19101),
  orders: port("EVENTDECK_ORDERS_PORT", 19102),
  fulfillment: port("EVENTDECK_FULFILLMENT_PORT", 19103),
  /** The console Prometheus scrapes (`npm start` / `npm run demo`). */
  console: port("PORT", 3000),
};

export const readinessTimeoutMs = Number(process.env.EVENTDECK_STACK_TIMEOUT_MS ?? 120_000);
