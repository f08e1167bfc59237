import "server-only";
import { AppError } from "../http/errors";
import { subjectVersion } from "./client";
import { compileSchema, resolveReferences } from "./decoder";
import { writeFraming } from "./wire";

/**
 * A JSON value encoded with a subject's schema, in the Confluent framing (the schema id, and
 * for Protobuf the message indexes). Fields that do not fit the schema are a 400 naming each.
 */
export async function encodeWithSchema(target: { subject: string; version: number | "latest"; message?: string }, value: unknown): Promise<Buffer> {
  const found = await subjectVersion(target.subject, target.version);
  let encoded;
  try {
    encoded = compileSchema(await resolveReferences(found)).encode(value, target.message);
  } catch (error) {
    throw new AppError(
      "BAD_REQUEST",
      `The value cannot be encoded with ${target.subject} v${found.version}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if ("problems" in encoded) {
    const list = encoded.problems.map((p) => `${p.path}: ${p.message}`).join("; ");
    throw new AppError("BAD_REQUEST", `The value does not fit ${target.subject} v${found.version} (id ${found.id}): ${list}`, { fields: encoded.problems });
  }
  return writeFraming(found.id, encoded.bytes, found.schemaType === "PROTOBUF" ? (encoded.indexes ?? [0]) : undefined);
}
