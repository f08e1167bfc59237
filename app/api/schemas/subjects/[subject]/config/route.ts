import { handle } from "@/server/http/route";
import { setCompatibility } from "@/server/schema-registry/subjects";

export const dynamic = "force-dynamic";

/** Sets the subject's compatibility level. */
export const PUT = handle("PUT /api/schemas/subjects/[subject]/config", ({ params, body }) => setCompatibility(params.subject, body.compatibility));
