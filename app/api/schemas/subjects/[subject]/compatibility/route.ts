import { handle } from "@/server/http/route";
import { checkCompatibility } from "@/server/schema-registry/subjects";

export const dynamic = "force-dynamic";

/** Whether a schema may become the subject's next version; registers nothing. */
export const POST = handle("POST /api/schemas/subjects/[subject]/compatibility", ({ params, body }) => checkCompatibility(params.subject, body));
