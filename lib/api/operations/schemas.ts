import { compatibilityBodySchema, deleteSubjectSchema, schemaInputSchema, subjectParams } from "@/lib/schemas/schema-registry";
import * as registry from "../responses/schema-registry";
import { admin, confirmation, json, operator, viewer, type ApiOperation } from "./define";

export const schemaOperations = {
  "GET /api/schemas/subjects": {
    access: viewer,
    summary: "Every subject of the Schema Registry with its latest version, type, compatibility level and topic",
    ok: json(registry.subjectList),
  },
  "GET /api/schemas/subjects/[subject]": {
    access: viewer,
    summary: "A subject's versions (schema text, id, references) and its compatibility level",
    params: subjectParams,
    ok: json(registry.subjectDetail),
    errors: [404],
  },
  "POST /api/schemas/subjects/[subject]/compatibility": {
    access: viewer,
    summary: "Whether a schema may become the subject's next version under its level, with the registry's reasons; changes nothing",
    params: subjectParams,
    body: { schema: schemaInputSchema, maxBytes: 300 * 1024 },
    ok: json(registry.compatibilityResult),
    errors: [422],
  },
  "POST /api/schemas/subjects/[subject]/versions": {
    access: operator,
    summary: "Registers a schema as the subject's next version (an incompatible one is refused with 422)",
    params: subjectParams,
    body: { schema: schemaInputSchema, maxBytes: 300 * 1024 },
    ok: json(registry.registerResult, 201),
    errors: [422],
  },
  "PUT /api/schemas/subjects/[subject]/config": {
    access: admin,
    summary: "Sets the subject's compatibility level",
    params: subjectParams,
    body: { schema: compatibilityBodySchema },
    ok: json(registry.levelResult),
    errors: [404],
  },
  "DELETE /api/schemas/subjects/[subject]": {
    access: admin,
    summary: "Deletes a subject or one version (soft; `permanent` also hard-deletes); `confirm` must repeat the subject's name",
    params: subjectParams,
    ...confirmation(deleteSubjectSchema),
    ok: json(registry.deleteSubjectResult),
    errors: [404],
  },
} satisfies Record<string, ApiOperation>;
