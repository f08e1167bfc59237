import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { MongoClient, ObjectId } from "mongodb";
import { stackAddresses } from "../test/support/stack";
import { median, timed } from "./kafka-fixture";

/**
 * Pages 1, 100 and 5,000 (50 documents each) of a 250,000-document collection — page 5,000
 * at 50 a page needs 250,000 — through Eventdeck's documents route handler (called in
 * process) and through mongo-express's collection page (HTTP, its own process), both on the
 * same MongoDB wire server, rounds interleaved, median of each.
 *
 * How each side reaches page N: mongo-express asks for `skip=(N−1)·50`, its only way. Ours
 * pages by keyset, so a user on page N holds the cursor of page N−1's last row: the bench
 * makes that cursor beforehand (from the row at position (N−1)·50 − 1, found by its `n`) and
 * times only the fetch of page N with it, as a user clicking "Next" there would wait.
 */
const dbName = "eventdeck_bench";
const collectionName = "paging";
const total = 250_000;
const pageSize = 50;
const pages = [1, 100, 5_000];
const meDir = join(import.meta.dirname, "mongo-express");
const mePackage = join(meDir, "node_modules", "mongo-express");

async function ensureCollection(client: MongoClient): Promise<void> {
  const coll = client.db(dbName).collection(collectionName);
  const [stats] = await coll
    .aggregate([{ $collStats: { storageStats: {} } }])
    .toArray()
    .catch(() => []);
  const have = Number(stats?.storageStats?.count ?? 0);
  if (have === total) return;
  if (have > 0) await coll.drop();
  console.error(`bench: inserting ${total.toLocaleString("en-US")} documents into ${dbName}.${collectionName} (once; kept for later runs)…`);
  const statuses = ["created", "approved", "shipped", "rejected"];
  // ObjectIds made in one process increase: `_id` order is insertion order, and `n` is the position.
  for (let i = 0; i < total; i += 5_000) {
    await coll.insertMany(
      Array.from({ length: Math.min(5_000, total - i) }, (_, j) => {
        const n = i + j;
        return {
          _id: new ObjectId(),
          n,
          status: statuses[n % 4],
          total: (n * 37) % 1_000,
          customerId: `c-${n % 977}`,
          createdAt: new Date(Date.UTC(2026, 0, 1) + n * 1_000),
        };
      }),
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Installs mongo-express into bench/mongo-express from the registry (its own lock file) when missing. */
function ensureMongoExpress(): void {
  if (existsSync(join(mePackage, "app.js"))) return;
  console.error("bench: installing mongo-express 1.0.2 into bench/mongo-express (once)…");
  const result = spawnSync("npm", ["ci", "--prefix", meDir, "--ignore-scripts", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm ci of bench/mongo-express failed");
}

async function startMongoExpress(): Promise<{ url: string; child: ChildProcess }> {
  ensureMongoExpress();
  // mongo-express reads ./config.js from its working directory: 50 documents a page, like ours.
  writeFileSync(join(mePackage, "config.js"), "export default { options: { documentsPerPage: 50, console: false } };\n");
  // Its npm package ships without the webpack build of its browser scripts, whose names it reads
  // at start from ./build-assets.json; the pages are rendered on the server either way.
  const bundles = ["codemirror", "collection", "database", "document", "gridfs", "index", "vendor"];
  writeFileSync(join(mePackage, "build-assets.json"), JSON.stringify(Object.fromEntries(bundles.map((b) => [b, { js: `${b}.js` }]))));
  const port = await freePort();
  const child = spawn(process.execPath, ["app.js"], {
    cwd: mePackage,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      VCAP_APP_HOST: "127.0.0.1",
      ME_CONFIG_MONGODB_URL: stackAddresses.mongoUri,
      ME_CONFIG_MONGODB_ENABLE_ADMIN: "true",
      ME_CONFIG_BASICAUTH: "false",
      ME_CONFIG_SITE_COOKIESECRET: "eventdeck-bench",
      ME_CONFIG_SITE_SESSIONSECRET: "eventdeck-bench",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mongo-express exited with ${child.exitCode}`);
    const up = await fetch(`${url}/status`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, child };
    if (Date.now() - started > 60_000) throw new Error("mongo-express did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function benchMongoPaging() {
  const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1]) || 3;
  // Our page query runs under maxTimeMS (3 × BACKEND_TIMEOUT_MS); a sort over 250,000 documents on FerretDB needs more than the default.
  process.env.BACKEND_TIMEOUT_MS ??= "20000";
  process.env.MONGODB_URI ??= stackAddresses.mongoUri;
  // The route handler is called in process, without a session (mongo-express runs without sign-in too).
  process.env.AUTH = "off";
  const client = new MongoClient(stackAddresses.mongoUri);
  await client.connect();
  await ensureCollection(client);

  const { encodeCursor, normalizeSort } = await import("../server/mongo/keyset");
  const documentsRoute = await import("../app/api/mongo/databases/[db]/collections/[collection]/documents/route");
  const spec = normalizeSort({});
  const cursors = new Map<number, string>();
  for (const page of pages) {
    if (page === 1) continue;
    const last = await client
      .db(dbName)
      .collection(collectionName)
      .findOne({ n: (page - 1) * pageSize - 1 });
    if (!last) throw new Error(`no row before page ${page}`);
    cursors.set(page, encodeCursor(spec, last));
  }
  const ours = async (page: number) => {
    const after = cursors.get(page);
    const url = `http://localhost/api/mongo/databases/${dbName}/collections/${collectionName}/documents?limit=${pageSize}${after ? `&after=${after}` : ""}`;
    const response = await documentsRoute.GET(new Request(url), { params: Promise.resolve({ db: dbName, collection: collectionName }) } as never);
    const body = (await response.json()) as { documents?: Array<{ n: { $numberInt: string } }>; error?: { message: string } };
    if (response.status !== 200) throw new Error(`documents API answered ${response.status}: ${body.error?.message}`);
    const first = Number(body.documents?.[0]?.n.$numberInt);
    if (body.documents?.length !== pageSize || first !== (page - 1) * pageSize) throw new Error(`page ${page} of ours starts at n=${first}`);
  };

  const { url, child } = await startMongoExpress();
  const peer = async (page: number) => {
    const response = await fetch(`${url}/db/${dbName}/${collectionName}?skip=${(page - 1) * pageSize}`);
    const html = await response.text();
    if (response.status !== 200 || !html.includes("Viewing Collection")) throw new Error(`mongo-express answered ${response.status} for page ${page}`);
  };

  const results = [];
  try {
    await ours(1);
    await peer(1); // warm both: connections, FerretDB's metadata
    for (const page of pages) {
      const oursMs: number[] = [];
      const peerMs: number[] = [];
      for (let i = 0; i < rounds; i++) {
        oursMs.push(await timed(() => ours(page)));
        peerMs.push(await timed(() => peer(page)));
        console.error(`bench: page ${page} round ${i + 1}: Eventdeck ${oursMs.at(-1)!.toFixed(0)} ms, mongo-express ${peerMs.at(-1)!.toFixed(0)} ms`);
      }
      const result = {
        bench: "mongo-paging",
        unit: "ms",
        ours: Math.round(median(oursMs)),
        peer: "mongo-express 1.0.2 (collection page, skip)",
        peerValue: Math.round(median(peerMs)),
        ratio: Number((median(oursMs) / median(peerMs)).toFixed(3)),
        n: rounds,
        page,
        pageSize,
        documents: total,
      };
      results.push(result);
      if (page !== pages.at(-1)) console.log(JSON.stringify(result));
    }
  } finally {
    child.kill("SIGTERM");
    await client.close();
  }
  return results.at(-1);
}
