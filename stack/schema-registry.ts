import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { apicurioVersion, cacheDir, ports, readinessTimeoutMs, stateDir } from "./settings";
import { assertRunning, ensureDir, ensurePortFree, logFile, run, runningPid, startDaemon, stopDaemon, waitUntil } from "./proc";

export const schemaRegistryUrl = `http://127.0.0.1:${ports.schemaRegistry}/apis/ccompat/v7`;
const appDir = join(cacheDir, `apicurio-registry-${apicurioVersion}`);
/** Marks the registry's JVM as this checkout's (its command line holds no other path of ours). */
const marker = `-Deventdeck.stack=${stateDir}`;

/** The major version of a JDK or JRE home, from its `release` file. */
function releaseMajor(home: string): number | undefined {
  try {
    const version = /^JAVA_VERSION="(\d+)/m.exec(readFileSync(join(home, "release"), "utf8"))?.[1];
    return version ? Number(version) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A `java` of release 21 or later: EVENTDECK_JAVA21_HOME, JAVA_HOME, then the JDKs under
 * /usr/lib/jvm (newest first). Apicurio 3 is built for Java 21; Java 17 cannot load it.
 */
export function findJava21(): string {
  const candidates = [process.env.EVENTDECK_JAVA21_HOME, process.env.JAVA_HOME].filter((home): home is string => !!home);
  const jvmDir = "/usr/lib/jvm";
  if (existsSync(jvmDir)) candidates.push(...readdirSync(jvmDir).map((name) => join(jvmDir, name)));
  const usable = candidates
    .map((home) => ({ home, major: releaseMajor(home) ?? 0 }))
    .filter(({ home, major }) => major >= 21 && existsSync(join(home, "bin", "java")))
    .sort((a, b) => b.major - a.major);
  const [best] = usable;
  if (!best) {
    throw new Error(
      `the Schema Registry (Apicurio ${apicurioVersion}) needs Java 21 or later; none found in EVENTDECK_JAVA21_HOME, JAVA_HOME or ${jvmDir}. ` +
        "Install one (e.g. apt-get install openjdk-21-jre-headless) or point EVENTDECK_JAVA21_HOME at it.",
    );
  }
  return join(best.home, "bin", "java");
}

/** Fetches Apicurio Registry's Quarkus app from Maven Central once (about 160 MB) and unpacks it into the cache. */
export function installSchemaRegistry(): string {
  const complete = join(appDir, ".complete");
  if (existsSync(complete)) return appDir;
  console.log(`stack: fetching Apicurio Registry ${apicurioVersion} from Maven Central (about 160 MB, first run only)…`);
  rmSync(appDir, { recursive: true, force: true });
  const download = ensureDir(join(cacheDir, "downloads"));
  const archive = join(download, `apicurio-registry-app-${apicurioVersion}-all.tar.gz`);
  if (!existsSync(archive)) {
    run("mvn", [
      "-B",
      "-q",
      `-Dmaven.repo.local=${join(cacheDir, "m2")}`,
      "dependency:copy",
      `-Dartifact=io.apicurio:apicurio-registry-app:${apicurioVersion}:tar.gz:all`,
      `-DoutputDirectory=${download}`,
    ]);
  }
  ensureDir(appDir);
  run("tar", ["-xzf", archive, "-C", appDir]);
  const jar = findQuarkusJar();
  if (!jar) throw new Error(`Apicurio's archive holds no quarkus-run.jar (${archive})`);
  writeFileSync(complete, `${apicurioVersion}\n`);
  return appDir;
}

function findQuarkusJar(dir = appDir, depth = 0): string | undefined {
  if (existsSync(join(dir, "quarkus-run.jar"))) return join(dir, "quarkus-run.jar");
  if (depth > 2) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const found = findQuarkusJar(join(dir, entry.name), depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Starts Apicurio Registry on H2 in a file of the stack's state (schema ids survive a restart,
 * as the records that carry them do), waits for the Confluent-compatible API and sets the
 * global compatibility level to BACKWARD, as Confluent's registry has it.
 */
export async function startSchemaRegistry(): Promise<string> {
  if (runningPid("schema-registry", marker)) return `Schema Registry already running on ${schemaRegistryUrl}`;
  ensurePortFree(ports.schemaRegistry, "EVENTDECK_SCHEMA_REGISTRY_PORT");
  ensurePortFree(ports.schemaRegistryManagement, "EVENTDECK_SCHEMA_REGISTRY_MANAGEMENT_PORT");
  const java = findJava21();
  installSchemaRegistry();
  const jar = findQuarkusJar()!;
  const data = ensureDir(join(stateDir, "schema-registry"));
  startDaemon("schema-registry", java, [
    marker,
    "-Xmx384m",
    "-XX:+UseSerialGC",
    "-Dquarkus.http.host=127.0.0.1",
    `-Dquarkus.http.port=${ports.schemaRegistry}`,
    "-Dquarkus.management.host=127.0.0.1",
    `-Dquarkus.management.port=${ports.schemaRegistryManagement}`,
    "-Dquarkus.log.level=WARN",
    "-Dapicurio.storage.kind=sql",
    "-Dapicurio.storage.sql.kind=h2",
    `-Dapicurio.datasource.url=jdbc:h2:file:${join(data, "registry")};DB_CLOSE_ON_EXIT=FALSE`,
    "-Dapicurio.datasource.username=sa",
    "-Dapicurio.datasource.password=sa",
    "-jar",
    jar,
  ]);
  await waitUntil(
    "Schema Registry",
    async () => {
      assertRunning("schema-registry", marker);
      return (await fetch(`${schemaRegistryUrl}/subjects`, { signal: AbortSignal.timeout(2000) })).ok;
    },
    readinessTimeoutMs,
    logFile("schema-registry"),
  );
  // Confluent's default level (Apicurio's own is NONE), set through the API: then Apicurio answers a
  // subject without a level of its own with NONE, which the console tells from the level in force.
  // (Set by apicurio.rules.global.compatibility instead, it answers that level for every subject,
  // as if each had set it; compose.yaml does that, having no step to call the API.)
  const level = await fetch(`${schemaRegistryUrl}/config`, {
    method: "PUT",
    headers: { "content-type": "application/vnd.schemaregistry.v1+json" },
    body: JSON.stringify({ compatibility: "BACKWARD" }),
  });
  if (!level.ok) throw new Error(`the Schema Registry refused its compatibility level: ${level.status} ${await level.text()}`);
  return `Schema Registry (Apicurio ${apicurioVersion}) on ${schemaRegistryUrl}`;
}

export async function stopSchemaRegistry(): Promise<boolean> {
  return stopDaemon("schema-registry", 20_000, marker);
}

export function schemaRegistryStatus(): string {
  return runningPid("schema-registry", marker) ? `schema-registry: running on ${schemaRegistryUrl}` : "schema-registry: stopped";
}

export function schemaRegistryRunning(): boolean {
  return !!runningPid("schema-registry", marker);
}
