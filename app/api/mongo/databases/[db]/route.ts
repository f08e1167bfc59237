import { handle } from "@/server/http/route";
import { dropDatabase } from "@/server/mongo/databases";

export const dynamic = "force-dynamic";

/** DELETE /api/mongo/databases/:db with `confirm` (query or body) equal to the database's name. */
export const DELETE = handle("DELETE /api/mongo/databases/[db]", ({ params, body }) => dropDatabase(params.db, body.confirm));
