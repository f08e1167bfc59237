import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ensureDebianPackage } from "../stack/apt";
import { cacheDir, defaultKafkaLine, kafkaReleases } from "../stack/settings";

/** One round's answer of bench/java/TopicsPeer.java. */
export interface JavaPeerRound {
  /** Inside the JVM: the whole round, until the topic names and brokers were known, until every topic was described. */
  ms: number;
  namesMs: number;
  describedMs: number;
  topics: number;
  partitions: number;
  underReplicated: number;
  benchTopics: number;
  benchMessages: number;
  bytes: number;
  sizedTopics: number;
  brokers: number;
}

const source = join(import.meta.dirname, "java", "TopicsPeer.java");

/** The libs/ folder of a Kafka release the stack downloaded: the default line's, else any. */
function kafkaLibs(): string {
  const preferred = join(cacheDir, `kafka-${kafkaReleases[defaultKafkaLine].version}`, "libs");
  if (existsSync(preferred)) return preferred;
  const any = existsSync(cacheDir) ? readdirSync(cacheDir).find((d) => /^kafka-\d/.test(d) && existsSync(join(cacheDir, d, "libs"))) : undefined;
  if (!any) throw new Error(`no Kafka release under ${cacheDir}: start the stack once (npm run stack -- up), which downloads it`);
  return join(cacheDir, any, "libs");
}

/** A JDK's javac, installed from Debian's packages when missing (the stack's Kafka needs only a JRE). */
function ensureJavac(): void {
  if (spawnSync("javac", ["--version"]).status === 0) return;
  try {
    ensureDebianPackage("/usr/bin/javac", "openjdk-17-jdk-headless");
  } catch (error) {
    throw new Error(`kafka-topics compares with Kafka's Java AdminClient and needs javac (Java 17 or later), which could not be installed (${String(error)})`);
  }
}

/** The class path of the peer (kafka-clients and slf4j-api from the stack's Kafka, and the compiled peer) and the client's version. */
function classPath(): { path: string[]; version: string } {
  const libs = kafkaLibs();
  const jar = (pattern: RegExp) => {
    const name = readdirSync(libs).find((f) => pattern.test(f));
    if (!name) throw new Error(`no ${pattern} in ${libs}`);
    return join(libs, name);
  };
  const jars = [jar(/^kafka-clients-.*\.jar$/), jar(/^slf4j-api-.*\.jar$/)];
  // Compiled once per source and client version, into the shared cache; a new source compiles anew.
  const hash = createHash("sha256").update(readFileSync(source)).update(jars.join(":")).digest("hex").slice(0, 12);
  const classes = join(cacheDir, "bench-java", hash);
  if (!existsSync(join(classes, "TopicsPeer.class"))) {
    ensureJavac();
    const building = `${classes}.${process.pid}`;
    mkdirSync(building, { recursive: true });
    const result = spawnSync("javac", ["-cp", jars.join(":"), "-d", building, source], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`javac of ${source} failed: ${result.stderr}`);
    rmSync(classes, { recursive: true, force: true });
    renameSync(building, classes);
    console.error(`bench: compiled the Java AdminClient peer into ${classes}`);
  }
  return { path: [classes, ...jars], version: /kafka-clients-(.+)\.jar$/.exec(jars[0]!)![1]! };
}

/**
 * One long-lived JVM running Kafka's AdminClient (bench/java/TopicsPeer.java), driven over
 * stdin/stdout: `round()` asks it to gather every topic's metadata, watermarks and sizes once
 * and resolves with its answer. Its connections stay open between rounds.
 */
export class JavaTopicsPeer {
  private readonly lines: AsyncIterator<string>;
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    /** The kafka-clients release it runs, e.g. 4.1.2. */
    readonly version: string,
  ) {
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static async start(brokers: string[], prefix: string): Promise<JavaTopicsPeer> {
    const { path, version } = classPath();
    const child = spawn("java", ["-Xms256m", "-cp", path.join(":"), "TopicsPeer", brokers.join(","), prefix], { stdio: ["pipe", "pipe", "pipe"] });
    // slf4j without a binding says so once; anything else the JVM writes is passed on.
    createInterface({ input: child.stderr }).on("line", (line) => {
      if (!line.startsWith("SLF4J:")) console.error(`java peer: ${line}`);
    });
    const peer = new JavaTopicsPeer(child, version);
    const ready = await peer.next();
    if (!("ready" in ready)) throw new Error(`the Java peer did not start: ${JSON.stringify(ready)}`);
    return peer;
  }

  private async next(): Promise<Record<string, unknown>> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error(`the Java peer exited (${this.child.exitCode ?? this.child.signalCode})`);
    return JSON.parse(value) as Record<string, unknown>;
  }

  async round(): Promise<JavaPeerRound> {
    this.child.stdin.write("round\n");
    const answer = await this.next();
    if ("error" in answer) throw new Error(`the Java peer failed: ${String(answer.error)}`);
    return answer as unknown as JavaPeerRound;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.stdin.end("quit\n");
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.child.kill("SIGKILL");
        resolve();
      }, 10_000);
      this.child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
