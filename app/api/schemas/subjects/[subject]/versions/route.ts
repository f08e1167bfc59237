import { handle } from "@/server/http/route";
import { registerSchema } from "@/server/schema-registry/subjects";

export const dynamic = "force-dynamic";

/** Registers a schema as the subject's next version. */
export const POST = handle("POST /api/schemas/subjects/[subject]/versions", ({ params, body }) => registerSchema(params.subject, body));
