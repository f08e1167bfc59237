import { handle } from "@/server/http/route";
import { declaredCopies, listConsistencyChecks, startConsistencyCheck } from "@/server/system/consistency";

export const dynamic = "force-dynamic";

/** GET /api/system/consistency — the declared copies and the latest checks (without their mismatches). */
export const GET = handle("GET /api/system/consistency", async () => ({ copies: declaredCopies(), checks: await listConsistencyChecks() }));

/** POST /api/system/consistency {copy} — starts a check of a whole declared copy; answers 201 with it. */
export const POST = handle("POST /api/system/consistency", async ({ body, actor }) => ({ check: await startConsistencyCheck(body.copy, actor) }));
