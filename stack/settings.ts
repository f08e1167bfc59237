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

/** Apicurio Registry, the stack's Schema Registry (its Confluent-compatible API at /apis/ccompat/v7). */
export const apicurioVersion = "3.3.3";

/** The ports the stack uses unless told otherwise (compose.yaml publishes these). */
export const defaultPorts = {
  kafka: 19092,
  mongo: 27018,
  mongoDebug: 27019,
  prometheus: 19090,
  schemaRegistry: 19081,
  schemaRegistryManagement: 19082,
  accounts: 19101,
  orders: 19102,
  fulfillment: 19103,
  console: 3000,
} as const;

export const ports = {
  /** First broker's client port; broker n listens on kafka + 2(n-1), its controller on the next port. */
  kafka: port("EVENTDECK_KAFKA_PORT", defaultPorts.kafka),
  mongo: port("EVENTDECK_MONGO_PORT", defaultPorts.mongo),
  mongoDebug: port("EVENTDECK_MONGO_DEBUG_PORT", defaultPorts.mongoDebug),
  prometheus: port("EVENTDECK_PROMETHEUS_PORT", defaultPorts.prometheus),
  schemaRegistry: port("EVENTDECK_SCHEMA_REGISTRY_PORT", defaultPorts.schemaRegistry),
  /** Apicurio's health and metrics port (Quarkus's management interface). */
  schemaRegistryManagement: port("EVENTDECK_SCHEMA_REGISTRY_MANAGEMENT_PORT", defaultPorts.schemaRegistryManagement),
  accounts: port("EVENTDECK_ACCOUNTS_PORT", defaultPorts.accounts),
  orders: port("EVENTDECK_ORDERS_PORT", defaultPorts.orders),
  fulfillment: port("EVENTDECK_FULFILLMENT_PORT", defaultPorts.fulfillment),
  /** The console Prometheus scrapes (`npm start` / `npm run demo`). */
  console: port("PORT", defaultPorts.console),
};

export const readinessTimeoutMs = Number(process.env.EVENTDECK_STACK_TIMEOUT_MS ?? 120_000);
