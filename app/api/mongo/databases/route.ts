import { handle } from "@/server/http/route";
import { listDatabases } from "@/server/mongo/databases";

export const dynamic = "force-dynamic";

/** GET /api/mongo/databases?system=false — name, size on disk, data size and collection count of each database. */
export const GET = handle("GET /api/mongo/databases", async ({ query }) => ({ databases: await listDatabases(query) }));
