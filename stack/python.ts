import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./proc";
import { cacheDir } from "./settings";

/** confluent-kafka (librdkafka, and Confluent's Avro, Protobuf and JSON Schema serializers), for the tests that check the console against them. */
export const serdesRequirement = "confluent-kafka[avro,protobuf,json,schemaregistry]==2.16.1";
export const serdesVenv = join(cacheDir, "python-serdes");

/** A virtualenv under the cache with confluent-kafka from PyPI, made once. */
export function installSerdesPython(): string {
  const python = join(serdesVenv, "bin", "python");
  const marker = join(serdesVenv, ".complete");
  if (existsSync(marker)) return python;
  console.log(`stack: installing ${serdesRequirement} from PyPI into ${serdesVenv} (first run only)…`);
  rmSync(serdesVenv, { recursive: true, force: true });
  run("python3", ["-m", "venv", serdesVenv]);
  run(join(serdesVenv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", serdesRequirement]);
  writeFileSync(marker, `${serdesRequirement}\n`);
  return python;
}
