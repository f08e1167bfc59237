import { looksLikeSerializedDescriptor, type SchemaTypeName } from "@/lib/schemas/schema-registry";

/** A schema's text as people read it: JSON (Avro, JSON Schema) indented, .proto as written. */
export function readableSchema(type: SchemaTypeName, schema: string): string {
  if (type === "PROTOBUF") return schema;
  try {
    return JSON.stringify(JSON.parse(schema), null, 2);
  } catch {
    return schema;
  }
}

/** Some clients register Protobuf schemas as a base64 serialized descriptor rather than .proto text. */
export function isSerializedDescriptor(type: SchemaTypeName, schema: string): boolean {
  return type === "PROTOBUF" && looksLikeSerializedDescriptor(schema);
}
