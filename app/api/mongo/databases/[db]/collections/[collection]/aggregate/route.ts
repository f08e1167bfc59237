import { handle } from "@/server/http/route";
import { runAggregate } from "@/server/mongo/aggregate";

export const dynamic = "force-dynamic";

/** POST …/aggregate with `{ pipeline: "<EJSON array>", limit?, maxTimeMS? }` — runs a read-only pipeline (a POST, so same origin only). */
export const POST = handle("POST /api/mongo/databases/[db]/collections/[collection]/aggregate", ({ params, body }) =>
  runAggregate(params, body.pipeline, body.limit, body.maxTimeMS),
);
