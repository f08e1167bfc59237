import { z } from "zod";
import { createReplayJobSchema, replayJobActionParams, replayJobListQuerySchema, replayJobParams, replaySpecSchema } from "@/lib/schemas/replay";
import { consistencyCheckParams, startConsistencyCheckSchema, traceQuerySchema } from "@/lib/schemas/system";
import { auditEntry, projectionList, replayJob, replayPlan } from "../responses/replay";
import { consistencyCheck, declaredCopy, entityTrace, systemCatalog, systemMap } from "../responses/system";
import { json, list, operator, sse, viewer, type ApiOperation } from "./define";

/** Event replay and the view of the whole system. */
export const replayOperations = {
  "GET /api/projections": { access: viewer, summary: "Rebuildable read models the configured services expose", ok: json(projectionList) },
  "POST /api/replay/plan": {
    access: viewer,
    summary: "The dry run of a replay spec; writes nothing",
    body: { schema: replaySpecSchema },
    ok: json(replayPlan),
    errors: [404],
  },
  "GET /api/replay/jobs": { access: viewer, summary: "Replay jobs, newest first", query: replayJobListQuerySchema, ok: list("jobs", replayJob) },
  "POST /api/replay/jobs": {
    access: operator,
    summary: "Queues a replay after the server's own dry run",
    body: { schema: createReplayJobSchema },
    ok: json(z.object({ job: replayJob }), 201),
    errors: [404, 409],
  },
  "GET /api/replay/jobs/[id]": {
    access: viewer,
    summary: "One job with its audit records",
    params: replayJobParams,
    ok: json(z.object({ job: replayJob, audit: z.array(auditEntry) })),
  },
  "GET /api/replay/jobs/[id]/events": {
    access: viewer,
    summary: "A job's progress as server-sent events",
    description: "`event: job` with the whole job each time it changes, ending once it is completed, cancelled or failed.",
    params: replayJobParams,
    ok: sse({ job: replayJob }, "A stream of `event: job` with the job as JSON data"),
  },
  "POST /api/replay/jobs/[id]/[action]": {
    access: operator,
    summary: "Pauses, resumes or cancels a job",
    params: replayJobActionParams,
    ok: json(z.object({ job: replayJob })),
    errors: [409],
  },

  // System view
  "GET /api/system/map": {
    access: viewer,
    summary: "Services, topics and consumer groups with produce and consume edges, rates, lag and health",
    ok: json(systemMap),
  },
  "GET /api/system/catalog": { access: viewer, summary: "What each topic of the system carries, the entities and the event envelope", ok: json(systemCatalog) },
  "GET /api/system/trace": {
    access: viewer,
    summary: "An entity's or a trace's events across the declared topics, its documents, group positions and copies",
    description: "By id, only the partition the id hashes to is read in each topic; by traceId, every partition.",
    query: traceQuerySchema,
    ok: json(entityTrace),
    errors: [404],
  },
  "GET /api/system/consistency": {
    access: viewer,
    summary: "The declared copies and the latest consistency checks",
    ok: json(z.object({ copies: z.array(declaredCopy), checks: z.array(consistencyCheck) })),
  },
  "POST /api/system/consistency": {
    access: operator,
    summary: "Starts a consistency check of a declared copy",
    body: { schema: startConsistencyCheckSchema },
    ok: json(z.object({ check: consistencyCheck }), 201),
    errors: [404],
  },
  "GET /api/system/consistency/[id]": {
    access: viewer,
    summary: "One consistency check with its mismatches",
    params: consistencyCheckParams,
    ok: json(z.object({ check: consistencyCheck })),
  },
} satisfies Record<string, ApiOperation>;
