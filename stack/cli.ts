/**
 * The local stack: real Apache Kafka (KRaft), a MongoDB wire server (FerretDB), Prometheus
 * and a Schema Registry (Apicurio), without Docker.
 *
 *   npm run stack -- up [kafka|mongo|prometheus|schema-registry|services|loadgen…] [--kafka 4.1|3.9] [--brokers 1|3]
 *   npm run stack -- down [kafka|mongo|prometheus|schema-registry|services|loadgen…]
 * `up` alone starts the infrastructure; `services` is the storefront, `loadgen` a gentle load on it.
 *   npm run stack -- status [--json]
 *   npm run stack -- logs [kafka-1|mongo|prometheus|schema-registry] [--lines N]
 *   npm run stack -- install [--browser]   (--browser: also what the tests use: Chromium, docker-compose, kcat, confluent-kafka)
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ensureDebianPackage } from "./apt";
import { installKafka, kafkaLogNames, kafkaStatus, runningKafkaLayout, startKafka, stopKafka } from "./kafka";
import { installFerretdb, mongoStatus, startMongo, stopMongo } from "./mongo";
import { logFile, runningPid } from "./proc";
import { prometheusStatus, startPrometheus, stopPrometheus } from "./prometheus";
import { installSerdesPython } from "./python";
import { installSchemaRegistry, schemaRegistryRunning, schemaRegistryStatus, startSchemaRegistry, stopSchemaRegistry } from "./schema-registry";
import { servicesRunning, servicesStatus, startLoadgen, startServices, stopLoadgen, stopServices } from "./services";
import { defaultKafkaLine, kafkaReleases, type KafkaLine } from "./settings";

const components = ["kafka", "mongo", "prometheus", "schema-registry", "services", "loadgen"] as const;
/** What `up` starts when no component is named: the infrastructure. */
const infrastructure = ["kafka", "mongo", "prometheus", "schema-registry"] as const;
type Component = (typeof components)[number];

function fail(message: string): never {
  console.error(`stack: ${message}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    kafka: { type: "string", default: process.env.EVENTDECK_KAFKA_LINE ?? defaultKafkaLine },
    brokers: { type: "string", default: process.env.EVENTDECK_KAFKA_BROKERS ?? "1" },
    lines: { type: "string", default: "60" },
    browser: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});

const [command = "status", ...rest] = positionals;
const line = values.kafka as KafkaLine;
if (!(line in kafkaReleases)) fail(`--kafka must be one of ${Object.keys(kafkaReleases).join(", ")}, got "${values.kafka}"`);
const brokers = Number(values.brokers);
if (brokers !== 1 && brokers !== 3) fail(`--brokers must be 1 or 3, got "${values.brokers}"`);

function selected(): Component[] {
  if (command === "logs") return [];
  const unknown = rest.filter((name) => !(components as readonly string[]).includes(name));
  if (unknown.length) fail(`unknown component ${unknown.join(", ")}; choose from ${components.join(", ")}`);
  if (rest.length) return rest as Component[];
  return command === "down" ? [...components] : [...infrastructure];
}

async function up(which: Component[]): Promise<void> {
  const starts: Record<Component, () => Promise<string>> = {
    kafka: () => startKafka({ line, brokers }),
    mongo: startMongo,
    prometheus: startPrometheus,
    "schema-registry": startSchemaRegistry,
    services: startServices,
    loadgen: async () => startLoadgen(),
  };
  // Mongo and Prometheus start in a second; Kafka's JVM takes longer, so all start together.
  // The storefront needs Kafka and MongoDB, and the load needs the storefront: they come after.
  const first = which.filter((name) => name !== "services" && name !== "loadgen");
  const later = which.filter((name) => name === "services" || name === "loadgen");
  const results = [...(await Promise.allSettled(first.map((name) => starts[name]())))];
  for (const name of later) results.push(...(await Promise.allSettled([starts[name]()])));
  which = [...first, ...later];
  let failed = false;
  results.forEach((result, i) => {
    if (result.status === "fulfilled") console.log(`stack: ${result.value}`);
    else {
      failed = true;
      console.error(`stack: ${which[i]} failed: ${result.reason instanceof Error ? result.reason.message : result.reason}`);
    }
  });
  if (failed) process.exit(1);
}

async function down(which: Component[]): Promise<void> {
  const stops: Record<Component, () => Promise<string[]>> = {
    kafka: stopKafka,
    mongo: async () => ((await stopMongo()) ? ["mongo"] : []),
    prometheus: async () => ((await stopPrometheus()) ? ["prometheus"] : []),
    "schema-registry": async () => ((await stopSchemaRegistry()) ? ["schema-registry"] : []),
    services: stopServices,
    loadgen: async () => ((await stopLoadgen()) ? ["loadgen"] : []),
  };
  // The storefront first: its services commit and flush while Kafka and MongoDB are still there.
  const stopped: string[] = [];
  for (const name of which.filter((n) => n === "loadgen" || n === "services")) stopped.push(...(await stops[name]()));
  stopped.push(...(await Promise.all(which.filter((n) => n !== "loadgen" && n !== "services").map((name) => stops[name]()))).flat());
  console.log(stopped.length ? `stack: stopped ${stopped.join(", ")}` : "stack: nothing was running");
}

function logs(): void {
  const names = rest.length ? rest : [...kafkaLogNames(), "mongo", "prometheus", "schema-registry"];
  for (const name of names) {
    const file = logFile(name);
    if (!existsSync(file)) {
      console.log(`== ${name}: no log yet (${file})`);
      continue;
    }
    const tail = readFileSync(file, "utf8").trimEnd().split("\n").slice(-Number(values.lines));
    console.log(`== ${name} (${file})\n${tail.join("\n")}`);
  }
}

function install(): void {
  installKafka(line);
  installFerretdb();
  ensureDebianPackage("/usr/bin/prometheus", "prometheus");
  installSchemaRegistry();
  // Checks compose.yaml in the tests where Docker's compose plugin is missing (no engine needed).
  if (values.browser && !existsSync("/usr/libexec/docker/cli-plugins/docker-compose")) ensureDebianPackage("/usr/bin/docker-compose", "docker-compose");
  // The reference zstd and lz4 commands and librdkafka's kcat: tests check our codecs and reads against them.
  if (values.browser)
    for (const [binary, name] of [
      ["/usr/bin/zstd", "zstd"],
      ["/usr/bin/lz4", "lz4"],
      ["/usr/bin/kcat", "kcat"],
    ] as const)
      ensureDebianPackage(binary, name);
  if (values.browser) ensureDebianPackage("/usr/bin/chromium", "chromium");
  // Confluent's serializers (Python, librdkafka underneath): tests decode what they write and read what we write.
  if (values.browser) installSerdesPython();
  console.log("stack: everything is installed");
}

try {
  switch (command) {
    case "up":
      await up(selected());
      break;
    case "down":
      await down(selected());
      break;
    case "status":
      if (values.json) {
        const kafka = runningKafkaLayout();
        console.log(
          JSON.stringify({
            kafka: kafka ?? null,
            mongo: !!runningPid("mongo"),
            prometheus: !!runningPid("prometheus"),
            "schema-registry": schemaRegistryRunning(),
            ...servicesRunning(),
          }),
        );
      } else {
        console.log([kafkaStatus(), mongoStatus(), prometheusStatus(), schemaRegistryStatus(), ...servicesStatus()].join("\n"));
      }
      break;
    case "logs":
      logs();
      break;
    case "install":
      install();
      break;
    default:
      fail(`unknown command "${command}"; use up, down, status, logs or install`);
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
