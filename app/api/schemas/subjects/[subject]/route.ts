import { AppError } from "@/server/http/errors";
import { handle } from "@/server/http/route";
import { deleteSubject, describeSubject } from "@/server/schema-registry/subjects";

export const dynamic = "force-dynamic";

/** A subject's versions and compatibility level. */
export const GET = handle("GET /api/schemas/subjects/[subject]", ({ params }) => describeSubject(params.subject));

/** Deletes a subject (or one version) once `confirm` repeats its name; `permanent` also hard-deletes. */
export const DELETE = handle("DELETE /api/schemas/subjects/[subject]", async ({ params, body }) => {
  if (body?.confirm !== params.subject) throw new AppError("BAD_REQUEST", `Type the subject's name ("${params.subject}") in confirm to delete it`);
  return deleteSubject(params.subject, { version: body.version, permanent: body.permanent ?? false });
});
