import "server-only";
import { systemDatabases, type DatabaseSummary } from "@/lib/schemas/mongo-browse";
import { AppError } from "../http/errors";
import { mongoCall, mongoMaxTimeMs } from "./call";
import { getMongoClient } from "./client";

const isSystem = (name: string) => (systemDatabases as readonly string[]).includes(name);
const numberOrNull = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : value == null ? null : Number(value));

/** Names of the databases the server lists (one round trip). */
async function listDatabaseNames(): Promise<Array<{ name: string; sizeOnDisk?: number }>> {
  const { databases } = await mongoCall("listDatabases", () => getMongoClient().db("admin").admin().listDatabases({ maxTimeMS: mongoMaxTimeMs() }));
  return databases.map((d) => ({ name: d.name, sizeOnDisk: d.sizeOnDisk }));
}

/**
 * Every database with size on disk, data size and collection count: listDatabases, then
 * one dbStats per database in parallel. Admin, local and config only with `system`.
 */
export async function listDatabases({ system }: { system: boolean }): Promise<DatabaseSummary[]> {
  const names = (await listDatabaseNames()).filter((d) => system || !isSystem(d.name));
  const summaries = await Promise.all(
    names.map(async ({ name, sizeOnDisk }) => {
      const stats = await mongoCall("dbStats", () => getMongoClient().db(name).command({ dbStats: 1 }, { timeoutMS: mongoMaxTimeMs() })).catch(
        // One database the server cannot describe must not hide the others.
        () => undefined,
      );
      return {
        name,
        sizeOnDisk: numberOrNull(sizeOnDisk ?? stats?.totalSize),
        dataSize: numberOrNull(stats?.dataSize),
        collections: numberOrNull(stats?.collections),
        system: isSystem(name),
      } satisfies DatabaseSummary;
    }),
  );
  return summaries.sort((a, b) => a.name.localeCompare(b.name));
}

/** Throws DATABASE_NOT_FOUND unless the server lists `name` (one round trip). */
export async function assertDatabaseExists(name: string): Promise<void> {
  const first = await mongoCall("listCollections", async () => {
    const cursor = getMongoClient().db(name).listCollections({}, { nameOnly: true, batchSize: 1 });
    try {
      return await cursor.next();
    } finally {
      await cursor.close();
    }
  });
  if (!first) throw new AppError("DATABASE_NOT_FOUND", `Database ${name} does not exist`);
}

/** Drops a database after its name was typed as confirmation; refuses MongoDB's own databases. */
export async function dropDatabase(name: string, confirm: string): Promise<{ database: string; dropped: true }> {
  if (confirm !== name) throw new AppError("BAD_REQUEST", `Type the database name (${name}) in confirm to drop it`);
  if (isSystem(name)) throw new AppError("BAD_REQUEST", `${name} is MongoDB's own database and is not dropped from here`);
  await assertDatabaseExists(name);
  await mongoCall("dropDatabase", () => getMongoClient().db(name).dropDatabase());
  return { database: name, dropped: true };
}
