import { z } from "zod";
import { compatibilityLevels, schemaTypes, type SubjectDetail, type SubjectSummary } from "@/lib/schemas/schema-registry";
import { describes } from "./describes";

// What the Schema Registry routes answer.

const topicLink = { topic: z.string().optional(), part: z.enum(["key", "value"]).optional() };

const subjectSummary = describes<SubjectSummary>()(
  z.object({
    subject: z.string(),
    latestVersion: z.number().int(),
    id: z.number().int(),
    type: z.enum(schemaTypes),
    name: z.string().optional(),
    compatibility: z.enum(compatibilityLevels),
    compatibilitySet: z.boolean(),
    ...topicLink,
  }),
);

export const subjectList = z.object({ registry: z.string(), compatibility: z.enum(compatibilityLevels), subjects: z.array(subjectSummary) });

export const subjectDetail = describes<SubjectDetail>()(
  z.object({
    subject: z.string(),
    compatibility: z.enum(compatibilityLevels),
    compatibilitySet: z.boolean(),
    ...topicLink,
    versions: z.array(
      z.object({
        version: z.number().int(),
        id: z.number().int(),
        type: z.enum(schemaTypes),
        schema: z.string(),
        references: z.array(z.object({ name: z.string(), subject: z.string(), version: z.number().int() })),
      }),
    ),
  }),
);

export const compatibilityResult = z.object({ compatible: z.boolean(), level: z.enum(compatibilityLevels), messages: z.array(z.string()) });
export const registerResult = z.object({ subject: z.string(), id: z.number().int(), version: z.number().int() });
export const levelResult = z.object({ subject: z.string(), compatibility: z.enum(compatibilityLevels) });
export const deleteSubjectResult = z.object({ subject: z.string(), deleted: z.array(z.number().int()), permanent: z.boolean() });
