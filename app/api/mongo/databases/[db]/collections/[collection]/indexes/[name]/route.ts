import { handle } from "@/server/http/route";
import { dropIndex } from "@/server/mongo/indexes";

export const dynamic = "force-dynamic";

/** DELETE …/indexes/:name with `confirm` (body or query) equal to the index name; `_id_` is refused. */
export const DELETE = handle("DELETE /api/mongo/databases/[db]/collections/[collection]/indexes/[name]", ({ params: { db, collection, name }, body }) =>
  dropIndex({ db, collection }, name, body.confirm),
);
