import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { MongoClient, ObjectId } from "mongodb";
import { stackAddresses } from "../test/support/stack";
import { alternately, median, timed } from "./kafka-fixture";

/**
 * Pages 1, 100 and the last (50 documents each) of a collection of 250,000 documents
 * (`--documents N`; page 5,000 at full size), through Eventdeck's documents route handler
 * (called in process) and through mongo-express's collection page (HTTP, its own process),
 * both on the same MongoDB wire server, both counting exactly (countDocuments), rounds
 * interleaved after a warm-up round of each, median of each.
 *
 * How each side reaches page N: mongo-express asks for `skip=(N−1)·50`, its only way. Ours
 * pages by keyset: the timer covers the call that yields the cursor — page N−1 opened at its
 * first document (`startAt=<_id>`, the _id found by the bench beforehand, as mongo-express's
 * user knows the skip) — and the "Next" call with that answer's `next` cursor, which gives page
 * N with the exact count. The "Next" call alone (a user already on page N−1) is reported too.
 */
const dbName = "eventdeck_bench";
const pageSize = 50;
const statuses = ["created", "approved", "shipped", "rejected"];
/** Which figures need the FerretDB the stack builds (stack/ferretdb/sqlite-pushdown.patch, stack/README.md). */
const ferretdbPatch =
  "ours depends on it: each page query is a keyset page of the _id order, read as _id ranges with ORDER BY/LIMIT from the _id index (patch item 3; released FerretDB sorts the whole collection in memory for each page). Independent of it: both sides' exact counts (countDocuments reads every document either way), mongo-express's find with skip and no sort (reads every document up to the skip either way), its collStats and indexes, our startAt lookup by _id equality. Against a real MongoDB neither side depends on it.";
const meDir = join(import.meta.dirname, "mongo-express");
const mePackage = join(meDir, "node_modules", "mongo-express");

async function ensureCollection(client: MongoClient, collectionName: string, total: number): Promise<void> {
  const coll = client.db(dbName).collection(collectionName);
  const [stats] = await coll
    .aggregate([{ $collStats: { storageStats: {} } }])
    .toArray()
    .catch(() => []);
  const have = Number(stats?.storageStats?.count ?? 0);
  if (have === total) return;
  if (have > 0) await coll.drop();
  console.error(`bench: inserting ${total.toLocaleString("en-US")} documents into ${dbName}.${collectionName} (once; kept for later runs)…`);
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

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

interface DocumentsAnswer {
  documents?: Array<{ _id: { $oid: string }; n: { $numberInt: string } }>;
  next?: string | null;
  total?: { count: number | null; estimated: boolean };
  error?: { message: string };
}

export async function benchMongoPaging() {
  const rounds = arg("rounds", 3);
  const total = arg("documents", 250_000);
  const lastPage = Math.ceil(total / pageSize);
  const pages = [...new Set([1, 100, lastPage])].filter((p) => p <= lastPage).sort((a, b) => a - b);
  // Its own collection per size: a small run never drops the big one.
  const collectionName = `paging-${total}`;
  // Our page query and count run under maxTimeMS (3 × BACKEND_TIMEOUT_MS); counting 250,000 documents on FerretDB needs more than the default.
  process.env.BACKEND_TIMEOUT_MS ??= "20000";
  process.env.MONGODB_URI ??= stackAddresses.mongoUri;
  const client = new MongoClient(stackAddresses.mongoUri);
  await client.connect();
  await ensureCollection(client, collectionName, total);

  const documentsRoute = await import("../app/api/mongo/databases/[db]/collections/[collection]/documents/route");
  const call = async (query: string): Promise<DocumentsAnswer> => {
    const url = `http://localhost/api/mongo/databases/${dbName}/collections/${collectionName}/documents?limit=${pageSize}&${query}`;
    const response = await documentsRoute.GET(new Request(url), { params: Promise.resolve({ db: dbName, collection: collectionName }) } as never);
    const body = (await response.json()) as DocumentsAnswer;
    if (response.status !== 200) throw new Error(`documents API answered ${response.status} to ${query}: ${body.error?.message}`);
    return body;
  };
  const startsAt = (body: DocumentsAnswer, n: number, what: string) => {
    const first = Number(body.documents?.[0]?.n.$numberInt);
    if (body.documents?.length !== Math.min(pageSize, total - n) || first !== n) throw new Error(`${what} starts at n=${first}, expected ${n}`);
  };
  // The _id of the first row of page N−1, which the timed rounds open the page at.
  const previousFirst = new Map<number, string>();
  for (const page of pages) {
    if (page === 1) continue;
    const row = await client
      .db(dbName)
      .collection(collectionName)
      .findOne({ n: (page - 2) * pageSize });
    if (!row) throw new Error(`no first row of page ${page - 1}`);
    previousFirst.set(page, String(row._id));
  }
  /** Our way to page N; returns the time of the "Next" call alone (the whole is timed by the caller). */
  const ours = async (page: number): Promise<number> => {
    let after = "";
    if (page > 1) {
      const previous = await call(`startAt=${previousFirst.get(page)}`);
      startsAt(previous, (page - 2) * pageSize, `page ${page - 1} of ours`);
      if (!previous.next) throw new Error(`page ${page - 1} of ours has no next cursor`);
      after = `&after=${encodeURIComponent(previous.next)}`;
    }
    const started = performance.now();
    const body = await call(`exact=true${after}`);
    const ms = performance.now() - started;
    startsAt(body, (page - 1) * pageSize, `page ${page} of ours`);
    if (body.total?.estimated !== false || body.total.count !== total) throw new Error(`ours counted ${JSON.stringify(body.total)}, expected exactly ${total}`);
    return ms;
  };

  const { url, child } = await startMongoExpress();
  const peer = async (page: number) => {
    const response = await fetch(`${url}/db/${dbName}/${collectionName}?skip=${(page - 1) * pageSize}`);
    const html = await response.text();
    if (response.status !== 200 || !html.includes("Viewing Collection")) throw new Error(`mongo-express answered ${response.status} for page ${page}`);
  };

  const results = [];
  try {
    for (const page of pages) {
      // Warm-up for both: connections, FerretDB's metadata, the page's rows in the cache.
      await ours(page);
      await peer(page);
      const oursMs: number[] = [];
      const nextMs: number[] = [];
      const peerMs: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const oursRound = async () => {
          const started = performance.now();
          nextMs.push(await ours(page));
          oursMs.push(performance.now() - started);
        };
        const peerRound = async () => {
          peerMs.push(await timed(() => peer(page)));
        };
        await alternately(i, oursRound, peerRound);
        console.error(
          `bench: page ${page} round ${i + 1}: Eventdeck ${oursMs.at(-1)!.toFixed(0)} ms${page > 1 ? ` ("Next" alone ${nextMs.at(-1)!.toFixed(0)} ms)` : ""}, mongo-express ${peerMs.at(-1)!.toFixed(0)} ms`,
        );
      }
      const result = {
        bench: "mongo-paging",
        unit: "ms",
        ours: Math.round(median(oursMs)),
        oursDoes:
          page === 1
            ? "the documents route handler in process: GET …/documents?limit=50&exact=true (page 1 sorted by _id, an exact countDocuments, the column sample, the existence check)"
            : `the documents route handler in process, both calls timed: GET …/documents?limit=50&startAt=<_id of page ${page - 1}'s first row> (yields page ${page - 1} and its next cursor; estimated count), then GET …&after=<that next>&exact=true (page ${page} by keyset with an exact countDocuments)`,
        peer: "mongo-express 1.0.2 (collection page, skip)",
        peerDoes: `GET /db/${dbName}/${collectionName}?skip=${(page - 1) * pageSize} over HTTP: find with skip and limit 50 (no sort: natural order, here the _id order), countDocuments (exact), collStats and indexes, the HTML page rendered`,
        peerValue: Math.round(median(peerMs)),
        ratio: Number((median(oursMs) / median(peerMs)).toFixed(3)),
        ...(page > 1
          ? {
              nextClick: {
                ours: Math.round(median(nextMs)),
                oursDoes: `the "Next" call alone, with page ${page - 1}'s next cursor in hand (a user already on page ${page - 1}): page ${page} with the exact count`,
                ratio: Number((median(nextMs) / median(peerMs)).toFixed(3)),
              },
            }
          : {}),
        counting: "both exact (countDocuments)",
        ferretdbPatch,
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
