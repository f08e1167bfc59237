import { handle } from "@/server/http/route";
import { listSubjects } from "@/server/schema-registry/subjects";

export const dynamic = "force-dynamic";

/** Every subject with its latest version, type, compatibility level and topic. */
export const GET = handle("GET /api/schemas/subjects", () => listSubjects());
