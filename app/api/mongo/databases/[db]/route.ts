import { databaseParams } from "@/lib/schemas/mongo-browse";
import { route } from "@/server/http/route";
import { dropDatabase, readDropConfirmation } from "@/server/mongo/databases";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ db: string }> };

/** DELETE /api/mongo/databases/:db with `confirm` (query or body) equal to the database's name. */
export const DELETE = route<Context>("/api/mongo/databases/[db]", async (request, context) => {
  const { db } = databaseParams.parse(await context.params);
  return Response.json(await dropDatabase(db, await readDropConfirmation(request)));
});
