import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cacheDir, kafkaReleases, ports, readinessTimeoutMs, stackSourceDir, stateDir, type KafkaLine } from "./settings";
import { assertRunning, ensureDir, ensurePortFree, logFile, run, runningPid, startDaemon, stopDaemon, waitUntil, writeFileEnsuringDir } from "./proc";
import { kafkaSaslAccount, kafkaStackTls, scramMechanisms } from "./kafka-credentials";
import { coordinatorPartitions, coordinatorsReady, describeBrokerCount } from "./kafka-ready";

export interface KafkaLayout {
  line: KafkaLine;
  brokers: number;
}

const stateFile = join(stateDir, "kafka.json");

function libsDir(version: string): string {
  return join(cacheDir, `kafka-${version}`, "libs");
}

/** Fetches the broker and tool jars from Maven Central once; later calls find them in the cache. */
export function installKafka(line: KafkaLine): string {
  const { version, profile } = kafkaReleases[line];
  const libs = libsDir(version);
  const marker = join(libs, ".complete");
  if (existsSync(marker)) return libs;
  console.log(`stack: fetching Apache Kafka ${version} jars from Maven Central…`);
  rmSync(libs, { recursive: true, force: true });
  run("mvn", [
    "-B",
    "-q",
    `-Dmaven.repo.local=${join(cacheDir, "m2")}`,
    "-f",
    join(stackSourceDir, "kafka", "pom.xml"),
    "-P",
    profile,
    `-Dkafka.version=${version}`,
    "dependency:copy-dependencies",
    "-DincludeScope=runtime",
    `-DoutputDirectory=${libs}`,
  ]);
  writeFileSync(marker, `${version}\n`);
  return libs;
}

function clientPort(nodeId: number): number {
  return ports.kafka + 2 * (nodeId - 1);
}

export function brokerAddresses(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `127.0.0.1:${clientPort(i + 1)}`);
}

function controllerPort(nodeId: number): number {
  return ports.kafka + 2 * (nodeId - 1) + 1;
}

/** Broker n's SASL_SSL listener (TLS, then SASL/PLAIN or SCRAM): after the three brokers' client and controller ports. */
function saslPort(nodeId: number): number {
  return ports.kafka + 6 + (nodeId - 1);
}

export function saslBrokerAddresses(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `127.0.0.1:${saslPort(i + 1)}`);
}

function serverProperties(layout: KafkaLayout, nodeId: number, logDirPath: string): string {
  const replication = layout.brokers >= 3 ? 3 : 1;
  const voters = Array.from({ length: layout.brokers }, (_, i) => `${i + 1}@127.0.0.1:${controllerPort(i + 1)}`).join(",");
  const sasl = kafkaSaslAccount();
  const tls = kafkaStackTls();
  return [
    "process.roles=broker,controller",
    `node.id=${nodeId}`,
    `controller.quorum.voters=${voters}`,
    `listeners=PLAINTEXT://127.0.0.1:${clientPort(nodeId)},CONTROLLER://127.0.0.1:${controllerPort(nodeId)},SASL://127.0.0.1:${saslPort(nodeId)}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${clientPort(nodeId)},SASL://127.0.0.1:${saslPort(nodeId)}`,
    "controller.listener.names=CONTROLLER",
    "inter.broker.listener.name=PLAINTEXT",
    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL:SASL_SSL",
    "listener.name.sasl.ssl.keystore.type=PEM",
    `listener.name.sasl.ssl.keystore.location=${tls.keystore}`,
    // A client certificate is optional; one that is presented must be signed by the stack's CA.
    "listener.name.sasl.ssl.client.auth=requested",
    "listener.name.sasl.ssl.truststore.type=PEM",
    `listener.name.sasl.ssl.truststore.location=${tls.ca}`,
    `listener.name.sasl.sasl.enabled.mechanisms=PLAIN,${scramMechanisms.join(",")}`,
    `listener.name.sasl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_${sasl.username}="${sasl.password}";`,
    ...scramMechanisms.map((m) => `listener.name.sasl.${m.toLowerCase()}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`),
    `log.dirs=${logDirPath}`,
    "num.partitions=3",
    `default.replication.factor=${replication}`,
    `min.insync.replicas=${replication === 3 ? 2 : 1}`,
    `offsets.topic.replication.factor=${replication}`,
    `offsets.topic.num.partitions=${coordinatorPartitions}`,
    `transaction.state.log.replication.factor=${replication}`,
    `transaction.state.log.min.isr=${replication === 3 ? 2 : 1}`,
    `transaction.state.log.num.partitions=${coordinatorPartitions}`,
    // Consumers in tests and demos join at once instead of after the default 3 s.
    "group.initial.rebalance.delay.ms=0",
    // Topics are created on purpose (by the console or a service), never by a typo.
    "auto.create.topics.enable=false",
    "delete.topic.enable=true",
    "",
  ].join("\n");
}

/** The layout of the Kafka cluster this stack runs, if any node of it is alive. */
export function runningKafkaLayout(): KafkaLayout | undefined {
  if (!existsSync(stateFile)) return undefined;
  const layout = JSON.parse(readFileSync(stateFile, "utf8")) as KafkaLayout;
  const anyAlive = Array.from({ length: layout.brokers }, (_, i) => runningPid(`kafka-${i + 1}`)).some(Boolean);
  return anyAlive ? layout : undefined;
}

function clusterDir(layout: KafkaLayout): string {
  return join(stateDir, "kafka", `${kafkaReleases[layout.line].version}-x${layout.brokers}`);
}

/**
 * A Kafka cluster id: 16 random bytes, base64url without padding (what `kafka-storage random-uuid`
 * prints). Like Kafka's own Uuid.randomUuid, never one starting with "-": the storage tool would
 * take it for an option (1 run in 64 failed to start that way).
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

/** Formats (once) and starts one node of the cluster; says whether its storage holds the SCRAM account. */
function startNode(layout: KafkaLayout, nodeId: number, clusterId: string): boolean {
  const libs = installKafka(layout.line);
  const classpath = `${libs}/*`;
  const logging =
    layout.line !== "3.9"
      ? `-Dlog4j2.configurationFile=${join(stackSourceDir, "kafka", "log4j2.properties")}`
      : `-Dlog4j.configuration=file:${join(stackSourceDir, "kafka", "log4j.properties")}`;
  const nodeDir = ensureDir(join(clusterDir(layout), `node-${nodeId}`));
  const config = join(nodeDir, "server.properties");
  writeFileEnsuringDir(config, serverProperties(layout, nodeId, join(nodeDir, "data")));
  // SCRAM credentials live in the cluster's metadata: written when the storage is formatted, so
  // a node formatted by an older checkout (before the marker existed) has none.
  const sasl = kafkaSaslAccount();
  const scram = scramMechanisms.flatMap((m) => ["--add-scram", `${m}=[name=${sasl.username},password=${sasl.password}]`]);
  const scramMarker = join(nodeDir, "scram-account");
  const fresh = !existsSync(join(nodeDir, "data", "meta.properties"));
  run("java", ["-Xmx256m", logging, "-cp", classpath, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config, "--ignore-formatted", ...scram]);
  if (fresh) writeFileSync(scramMarker, `${sasl.username}\n`);
  rmSync(logFile(`kafka-${nodeId}`), { force: true });
  startDaemon(`kafka-${nodeId}`, "java", [
    "-Xms256m",
    "-Xmx512m",
    "-XX:+UseG1GC",
    "-Djava.awt.headless=true",
    `-Dkafka.logs.dir=${nodeDir}`,
    logging,
    "-cp",
    classpath,
    "kafka.Kafka",
    config,
  ]);
  return existsSync(scramMarker);
}

function waitForNode(nodeId: number): Promise<void> {
  const log = logFile(`kafka-${nodeId}`);
  return waitUntil(
    `Kafka broker ${nodeId}`,
    async () => {
      assertRunning(`kafka-${nodeId}`);
      return readFileSync(log, "utf8").includes("Kafka Server started");
    },
    readinessTimeoutMs,
    log,
  );
}

/** Stops one node of the running cluster (a controlled shutdown), as when a broker dies in production. */
export async function stopKafkaNode(nodeId: number): Promise<boolean> {
  return stopDaemon(`kafka-${nodeId}`, 30_000);
}

/** Starts one stopped node of the running cluster again and waits until it is serving. */
export async function startKafkaNode(nodeId: number): Promise<void> {
  const layout = JSON.parse(readFileSync(stateFile, "utf8")) as KafkaLayout;
  const clusterId = readFileSync(join(clusterDir(layout), "cluster-id"), "utf8").trim();
  if (runningPid(`kafka-${nodeId}`) === undefined) startNode(layout, nodeId, clusterId);
  await waitForNode(nodeId);
}

/** Starts (or finds running) a KRaft cluster of combined broker+controller nodes and waits until its metadata answers. */
export async function startKafka(layout: KafkaLayout): Promise<string> {
  const { version } = kafkaReleases[layout.line];
  const running = runningKafkaLayout();
  if (running) {
    if (running.line !== layout.line || running.brokers !== layout.brokers) {
      throw new Error(
        `Kafka ${kafkaReleases[running.line].version} with ${running.brokers} broker(s) is already running; ` +
          "stop it first with `npm run stack -- down kafka`",
      );
    }
    // Perhaps only just started by another command: its coordinators may still be loading.
    await waitForCoordinators(layout);
    return `Kafka ${version} ×${layout.brokers} already running`;
  }
  installKafka(layout.line);
  const idFile = join(ensureDir(clusterDir(layout)), "cluster-id");
  if (!existsSync(idFile)) writeFileSync(idFile, newClusterId());
  const clusterId = readFileSync(idFile, "utf8").trim();

  for (let nodeId = 1; nodeId <= layout.brokers; nodeId++) {
    for (const port of [clientPort(nodeId), controllerPort(nodeId), saslPort(nodeId)]) ensurePortFree(port, "EVENTDECK_KAFKA_PORT");
  }
  let scramReady = true;
  for (let nodeId = 1; nodeId <= layout.brokers; nodeId++) scramReady = startNode(layout, nodeId, clusterId) && scramReady;
  writeFileSync(stateFile, JSON.stringify(layout));

  for (let nodeId = 1; nodeId <= layout.brokers; nodeId++) await waitForNode(nodeId);
  await waitUntil(
    `Kafka metadata (${layout.brokers} broker(s))`,
    async () => (await describeBrokerCount(brokerAddresses(layout.brokers))) === layout.brokers,
    readinessTimeoutMs,
    logFile("kafka-1"),
  );
  await waitForCoordinators(layout);
  const scramNote = scramReady
    ? ""
    : ` (this cluster was formatted before the SASL listener had SCRAM: PLAIN works there; for SCRAM, \`down kafka\` and remove ${clusterDir(layout)})`;
  return `Kafka ${version} ×${layout.brokers} on ${brokerAddresses(layout.brokers).join(",")}${scramNote}`;
}

async function waitForCoordinators(layout: KafkaLayout): Promise<void> {
  console.log("stack: waiting until Kafka's group and transaction coordinators have loaded (what consumers and transactional producers ask for first)…");
  const from = Date.now();
  await waitUntil(
    "Kafka's group and transaction coordinators",
    () => coordinatorsReady(brokerAddresses(layout.brokers)),
    readinessTimeoutMs,
    logFile("kafka-1"),
  );
  console.log(`stack: Kafka's coordinators answered after ${((Date.now() - from) / 1000).toFixed(1)} s`);
}

export async function stopKafka(): Promise<string[]> {
  const stopped: string[] = [];
  const layout = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, "utf8")) as KafkaLayout) : { brokers: 3 };
  // Stop every node together: a KRaft quorum that loses its majority first waits for it before shutting down.
  const names = Array.from({ length: Math.max(layout.brokers, 3) }, (_, i) => `kafka-${i + 1}`);
  const results = await Promise.all(names.map(async (name) => ((await stopDaemon(name, 30_000)) ? name : undefined)));
  for (const name of results) if (name) stopped.push(name);
  rmSync(stateFile, { force: true });
  return stopped;
}

export function kafkaStatus(): string {
  const layout = runningKafkaLayout();
  if (!layout) return "kafka: stopped";
  return `kafka: running ${kafkaReleases[layout.line].version} ×${layout.brokers} on ${brokerAddresses(layout.brokers).join(",")}`;
}

export function kafkaLogNames(): string[] {
  const layout = runningKafkaLayout();
  return Array.from({ length: layout?.brokers ?? 1 }, (_, i) => `kafka-${i + 1}`);
}
