import { databaseListQuerySchema } from "@/lib/schemas/mongo-browse";
import { route } from "@/server/http/route";
import { listDatabases } from "@/server/mongo/databases";

export const dynamic = "force-dynamic";

/** GET /api/mongo/databases?system=false — name, size on disk, data size and collection count of each database. */
export const GET = route("/api/mongo/databases", async (request) => {
  const query = databaseListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ databases: await listDatabases(query) });
});
