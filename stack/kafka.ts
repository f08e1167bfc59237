import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { cacheDir, kafkaReleases, ports, readinessTimeoutMs, stackSourceDir, stateDir, type KafkaLine } from "./settings";
import { assertRunning, ensureDir, ensurePortFree, logFile, run, runningPid, startDaemon, stopDaemon, waitUntil, writeFileEnsuringDir } from "./proc";

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

/**
 * The one account of the brokers' SASL listener, made once per stack with a random password
 * (kept in the stack's state directory, never in the repository), so that a console configured
 * with `KAFKA_SASL_*` can be tried against a real authenticating broker: PLAIN, SCRAM-SHA-256
 * and SCRAM-SHA-512 all accept it.
 */
export function kafkaSaslAccount(): { username: string; password: string } {
  const file = join(stateDir, "kafka", "sasl-account.json");
  if (!existsSync(file)) writeFileEnsuringDir(file, JSON.stringify({ username: "eventdeck", password: randomBytes(18).toString("base64url") }));
  return JSON.parse(readFileSync(file, "utf8")) as { username: string; password: string };
}

const scramMechanisms = ["SCRAM-SHA-256", "SCRAM-SHA-512"] as const;

export interface StackTls {
  /** The stack's certificate authority: what a client trusts (`KAFKA_TLS_CA_FILE`), and the brokers trust for client certificates. */
  ca: string;
  /** The broker's PKCS#8 key followed by its certificate (for 127.0.0.1 and localhost): Kafka's PEM key store. */
  keystore: string;
  /** A client certificate the CA signed, and its key (`KAFKA_TLS_CERT_FILE`, `KAFKA_TLS_KEY_FILE`). */
  clientCert: string;
  clientKey: string;
}

/** The stack's own certificate authority and the certificates it signs, made once per stack with openssl. */
export function kafkaStackTls(): StackTls {
  const dir = ensureDir(join(stateDir, "kafka", "tls"));
  const file = (name: string) => join(dir, name);
  const tls = { ca: file("ca.pem"), keystore: file("broker.pem"), clientCert: file("client.crt"), clientKey: file("client.key") };
  if (existsSync(tls.ca)) return tls;
  const days = "3650";
  run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.tmp"),
    "-days",
    days,
    "-subj",
    "/CN=Eventdeck stack CA",
  ]);
  const sign = (name: string, subject: string, extensions: string) => {
    run("openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", file(`${name}.key`), "-out", file(`${name}.csr`), "-subj", subject]);
    writeFileSync(file(`${name}.ext`), extensions);
    run("openssl", [
      "x509",
      "-req",
      "-in",
      file(`${name}.csr`),
      "-CA",
      file("ca.tmp"),
      "-CAkey",
      file("ca.key"),
      "-CAcreateserial",
      "-out",
      file(`${name}.crt`),
      "-days",
      days,
      "-extfile",
      file(`${name}.ext`),
    ]);
  };
  sign("broker", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  sign("client", "/CN=eventdeck", "extendedKeyUsage=clientAuth\n");
  writeFileSync(tls.keystore, readFileSync(file("broker.key"), "utf8") + readFileSync(file("broker.crt"), "utf8"));
  renameSync(file("ca.tmp"), tls.ca); // last: its presence says the set is complete
  return tls;
}

/** Partitions of `__consumer_offsets` and `__transaction_state`: each one is a coordinator that loads on start. */
const coordinatorPartitions = 3;

/** Java's `String.hashCode`, which Kafka uses to place a group or transactional id on a coordinator partition. */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/** The `__consumer_offsets` / `__transaction_state` partition Kafka assigns an id to (`Utils.abs(hashCode) % partitions`). */
export function coordinatorPartitionOf(id: string, partitions = coordinatorPartitions): number {
  return (javaStringHash(id) & 0x7fffffff) % partitions;
}

/** One id per coordinator partition, so that asking with each reaches every coordinator once. */
export function idsCoveringCoordinators(prefix: string, partitions = coordinatorPartitions): string[] {
  const ids = new Map<number, string>();
  for (let i = 0; ids.size < partitions; i++) {
    const id = `${prefix}-${i}`;
    const partition = coordinatorPartitionOf(id, partitions);
    if (!ids.has(partition)) ids.set(partition, id);
  }
  return [...ids.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
}

/**
 * Whether every group coordinator answers an OffsetFetch and every transaction coordinator an
 * InitProducerId. A broker that has just started (or restarted) loads these partitions after it
 * says "started", and until then answers "the coordinator is loading": a storefront service
 * started in that window would see its first join or producer id refused.
 */
export async function coordinatorsReady(brokers: string[]): Promise<boolean> {
  // A couple of quick retries: kafkajs reads the brokers' metadata on its first failed attempt.
  const kafka = new Kafka({
    clientId: "eventdeck-stack",
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    for (const groupId of idsCoveringCoordinators("eventdeck-stack-ready-group")) await admin.fetchOffsets({ groupId });
  } finally {
    await admin.disconnect();
  }
  for (const transactionalId of idsCoveringCoordinators("eventdeck-stack-ready-tx")) {
    const producer = kafka.producer({ transactionalId, maxInFlightRequests: 1, idempotent: true });
    try {
      await producer.connect(); // InitProducerId at its transaction coordinator
    } finally {
      await producer.disconnect();
    }
  }
  return true;
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

/** How many brokers the cluster's metadata lists (one DescribeCluster round trip). */
export async function describeBrokerCount(brokers: string[]): Promise<number> {
  const admin = new Kafka({
    clientId: "eventdeck-stack",
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length;
  } finally {
    await admin.disconnect();
  }
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
