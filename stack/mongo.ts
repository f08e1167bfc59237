import { chmodSync, cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { MongoClient } from "mongodb";
import { cacheDir, ferretdbVersion, ports, readinessTimeoutMs, stateDir } from "./settings";
import { assertRunning, claimPort, ensureDir, ensurePortFree, logFile, run, runningPid, startDaemon, stopDaemon, waitUntil } from "./proc";

const goDir = join(cacheDir, "go");
/** Bump when the patch below changes, so a binary or source copy made without it is rebuilt. */
const patchLevel = "eventdeck2";
const ferretdbBinary = join(goDir, "bin", `ferretdb-${ferretdbVersion}-${patchLevel}`);

/**
 * `ferretdb/sqlite-pushdown.patch` makes FerretDB 1.24's SQLite backend use its unique
 * `_id` index where it read whole tables (stack/README.md has the measurements):
 * - UPDATE and DELETE by `_id` named the column `->'$._id'` while the index is on
 *   `->"_id"`; SQLite only uses an index for the identical expression.
 * - A filter with `_id` equal to a string or an ObjectId is narrowed to that row even when
 *   it has other fields (`{_id, version}`, the storefront's conditional updates).
 * - A range of ObjectIds on `_id` sorted by `_id` (a keyset page) is answered from the
 *   index in order with its limit, exactly: ObjectIds are stored as lowercase hex, whose
 *   text order is their byte order, and the stored type keeps look-alike strings out.
 * - `{_id: {$type: …}}` reads the type from the stored schema in SQL.
 */
const patchFile = join(import.meta.dirname, "ferretdb", "sqlite-pushdown.patch");

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
  const source = join(goDir, "src", `ferretdb-${ferretdbVersion}-${patchLevel}`);
  rmSync(source, { recursive: true, force: true });
  cpSync(Dir, source, { recursive: true });
  makeWritable(source);
  writeFileSync(join(source, "build", "version", "version.txt"), `${ferretdbVersion}\n`);
  // The ceiling keeps git from taking a repository around the cache for the patch's root.
  run("git", ["apply", "--whitespace=nowarn", patchFile], { cwd: source, env: { ...env, GIT_CEILING_DIRECTORIES: dirname(source) } });
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
  if (runningPid("mongo") || claimPort("mongo", ports.mongo, "EVENTDECK_MONGO_PORT", ferretdbBinary))
    return `MongoDB wire server already running on ${mongoUri}`;
  ensurePortFree(ports.mongoDebug, "EVENTDECK_MONGO_DEBUG_PORT");
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
      assertRunning("mongo");
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
