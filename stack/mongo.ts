import { chmodSync, cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { cacheDir, ferretdbVersion, ports, readinessTimeoutMs, stateDir } from "./settings";
import { ensureDir, logFile, run, runningPid, startDaemon, stopDaemon, waitUntil } from "./proc";

const goDir = join(cacheDir, "go");
/** Bump when the patches below change, so a cached binary built without them is rebuilt. */
const patchLevel = "eventdeck1";
const ferretdbBinary = join(goDir, "bin", `ferretdb-${ferretdbVersion}-${patchLevel}`);

/**
 * FerretDB 1.24's SQLite backend matches `_id` in UPDATE and DELETE statements with
 * the path `->'$._id'`, while the unique index on `_id` is built on `->"_id"`; SQLite
 * only uses an index for the identical expression, so every update or delete by `_id`
 * scanned the whole table (30 ms per update at 10,000 documents, growing linearly).
 * Writing the column as the index does makes it 1.3 ms at any size.
 */
function patchFerretdb(source: string): void {
  const file = join(source, "internal", "backends", "sqlite", "metadata", "metadata.go");
  const original = `IDColumn = DefaultColumn + "->'$._id'"`;
  const patched = 'IDColumn = DefaultColumn + `->"_id"`';
  const text = readFileSync(file, "utf8");
  if (text.includes(patched)) return;
  if (!text.includes(original)) throw new Error(`FerretDB source changed: ${file} no longer has ${original}`);
  writeFileSync(file, text.replace(original, patched));
}

function goEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOMODCACHE: join(goDir, "mod"),
    GOCACHE: join(goDir, "cache"),
    GOFLAGS: "-mod=mod",
    CGO_ENABLED: "0",
  };
}

function makeWritable(path: string): void {
  chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
}

/**
 * Builds FerretDB with `go` once and caches the binary. The module is fetched through a
 * go.mod that names the exact version (the proxy serves the version but not the module's
 * version list, which `go install pkg@v` asks for), and built from a writable copy because
 * the released module ships without the build/version/version.txt it embeds.
 */
export function installFerretdb(): string {
  if (existsSync(ferretdbBinary)) return ferretdbBinary;
  console.log(`stack: building FerretDB ${ferretdbVersion} with go (first run only, a few minutes)…`);
  const env = goEnv();
  const fetchModule = ensureDir(join(goDir, "fetch"));
  writeFileSync(join(fetchModule, "go.mod"), `module eventdeck.local/fetch\n\ngo 1.22\n\nrequire github.com/FerretDB/FerretDB ${ferretdbVersion}\n`);
  const moduleDir = run("go", ["mod", "download", "-json", "github.com/FerretDB/FerretDB"], { cwd: fetchModule, env });
  const { Dir } = JSON.parse(moduleDir) as { Dir: string };
  const source = join(goDir, "src", `ferretdb-${ferretdbVersion}`);
  if (!existsSync(source)) {
    cpSync(Dir, source, { recursive: true });
    makeWritable(source);
  }
  writeFileSync(join(source, "build", "version", "version.txt"), `${ferretdbVersion}\n`);
  patchFerretdb(source);
  run("go", ["build", "-trimpath", "-o", ferretdbBinary, "./cmd/ferretdb"], { cwd: source, env });
  return ferretdbBinary;
}

export const mongoUri = `mongodb://127.0.0.1:${ports.mongo}/`;

async function pingMongo(): Promise<boolean> {
  const client = new MongoClient(mongoUri, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
  try {
    await client.connect();
    const reply = await client.db("admin").command({ ping: 1 });
    return reply.ok === 1;
  } finally {
    await client.close();
  }
}

/** Starts FerretDB (SQLite backend) on the Mongo port and waits until it answers `ping`. */
export async function startMongo(): Promise<string> {
  if (runningPid("mongo")) return `MongoDB wire server already running on ${mongoUri}`;
  const binary = installFerretdb();
  const dataDir = ensureDir(join(stateDir, "mongo", "data"));
  const ferretState = ensureDir(join(stateDir, "mongo", "state"));
  startDaemon("mongo", binary, [
    "--handler=sqlite",
    `--sqlite-url=file:${dataDir}/`,
    `--listen-addr=127.0.0.1:${ports.mongo}`,
    `--debug-addr=127.0.0.1:${ports.mongoDebug}`,
    `--state-dir=${ferretState}`,
    "--telemetry=disable",
    "--log-level=warn",
  ]);
  await waitUntil(
    "MongoDB wire server (FerretDB)",
    async () => {
      if (!runningPid("mongo")) throw new Error("process exited");
      return pingMongo();
    },
    readinessTimeoutMs,
    logFile("mongo"),
  );
  return `FerretDB ${ferretdbVersion} on ${mongoUri}`;
}

export async function stopMongo(): Promise<boolean> {
  return stopDaemon("mongo");
}

export function mongoStatus(): string {
  return runningPid("mongo") ? `mongo: running FerretDB ${ferretdbVersion} on ${mongoUri}` : "mongo: stopped";
}
