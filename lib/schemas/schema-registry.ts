import { z } from "zod";

export const schemaTypes = ["AVRO", "PROTOBUF", "JSON"] as const;

/** Some clients register a Protobuf schema as a base64 serialized FileDescriptorProto instead of .proto text. */
export function looksLikeSerializedDescriptor(schema: string): boolean {
  const trimmed = schema.trim();
  return /^[A-Za-z0-9+/=\s]+$/.test(trimmed) && !/\bmessage\s+\w+\s*\{/.test(trimmed);
}
export type SchemaTypeName = (typeof schemaTypes)[number];

/** Confluent's compatibility levels (Apicurio, Karapace and Redpanda take the same names). */
export const compatibilityLevels = ["BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE"] as const;
export type CompatibilityLevel = (typeof compatibilityLevels)[number];

export const subjectNameSchema = z
  .string()
  .min(1, "a subject name")
  .max(255)
  .regex(/^[^\u0000-\u001f/\\]+$/, "no control characters, slashes or backslashes");

export const subjectParams = z.object({ subject: subjectNameSchema });

const referenceSchema = z.object({
  name: z.string().min(1).max(512),
  subject: subjectNameSchema,
  version: z.number().int().min(1),
});

/** Body of a compatibility check and of a registration: the schema text, its type and references. */
export const schemaInputSchema = z.object({
  schema: z
    .string()
    .min(1, "the schema text")
    .max(256 * 1024),
  schemaType: z.enum(schemaTypes).default("AVRO"),
  references: z.array(referenceSchema).max(64).default([]),
});
export type SchemaInput = z.output<typeof schemaInputSchema>;

export const compatibilityBodySchema = z.object({ compatibility: z.enum(compatibilityLevels) });

/** A subject's (or one version's) delete: `confirm` repeats the subject's name; `permanent` is a hard delete after the soft one. */
export const deleteSubjectSchema = z.object({
  confirm: z.string({ error: "type the subject name in `confirm` to delete it" }).max(255),
  version: z.coerce.number().int().min(1).optional(),
  // No default here: the query's values take the place of the body's, and an absent one must not override.
  permanent: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).optional(),
});

export interface SubjectSummary {
  subject: string;
  latestVersion: number;
  id: number;
  type: SchemaTypeName;
  /** The record's, message's or schema's name. */
  name?: string;
  compatibility: CompatibilityLevel;
  /** True when the subject sets its own level; false when it inherits the registry's. */
  compatibilitySet: boolean;
  /** The topic it belongs to by TopicNameStrategy, when that topic exists. */
  topic?: string;
  part?: "key" | "value";
}

export interface SubjectVersionDetail {
  version: number;
  id: number;
  type: SchemaTypeName;
  schema: string;
  references: Array<{ name: string; subject: string; version: number }>;
}

export interface SubjectDetail {
  subject: string;
  compatibility: CompatibilityLevel;
  compatibilitySet: boolean;
  topic?: string;
  part?: "key" | "value";
  versions: SubjectVersionDetail[];
}
