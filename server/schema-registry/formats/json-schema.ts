import "server-only";
import type { ResolvedSchema, SchemaCodec } from "./codec";

/** JSON Schema values are JSON after the framing; the schema names them and is shown beside. */
export function jsonSchemaCodec(schema: ResolvedSchema): SchemaCodec {
  const parsed = JSON.parse(schema.schema) as { title?: string; $id?: string };
  return {
    name: parsed.title ?? parsed.$id ?? "JSON",
    decode: (payload) => ({ value: JSON.parse(payload.toString("utf8")) as unknown }),
    encode: (value) => ({ bytes: Buffer.from(JSON.stringify(value), "utf8") }),
  };
}
