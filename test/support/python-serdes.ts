import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { serdesVenv } from "@/stack/python";
import { stackAddresses } from "./stack";

/** The virtualenv `stack install --browser` makes with confluent-kafka (librdkafka and its serializers). */
export const serdesPython = join(serdesVenv, "bin", "python");
const script = join(import.meta.dirname, "..", "python", "confluent_serdes.py");

export type SerdesKind = "avro" | "protobuf" | "json";
export interface SerdesRecord {
  partition: number;
  offset: number;
  value: unknown;
}

function runSerdes(args: string[]): SerdesRecord[] {
  if (!existsSync(serdesPython)) throw new Error(`${serdesPython} is missing: run npm run stack -- install --browser`);
  let out: string;
  try {
    // The script ends itself after 100 s with every thread's stack on stderr (faulthandler).
    out = execFileSync(serdesPython, [script, ...args], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      timeout: 150_000,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").slice(-4000);
    throw new Error(`confluent_serdes.py ${args[0]} ${args[3]} failed: ${error instanceof Error ? error.message : String(error)}\n${stderr}`);
  }
  return out
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SerdesRecord);
}

/** Produces `count` values with confluent-kafka's serializer; answers what its deserializer reads back. */
export function produceWithConfluent(topic: string, kind: SerdesKind, codec: string, count: number): SerdesRecord[] {
  return runSerdes(["produce", stackAddresses.kafkaBrokers[0]!, stackAddresses.schemaRegistryUrl, topic, kind, codec, String(count)]);
}

/** What confluent-kafka's deserializer reads from the whole topic. */
export function readWithConfluent(topic: string, kind: SerdesKind): SerdesRecord[] {
  return runSerdes(["read", stackAddresses.kafkaBrokers[0]!, stackAddresses.schemaRegistryUrl, topic, kind]);
}
