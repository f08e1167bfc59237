import type { SchemaType } from "../client";

/** A schema with the schemas it references (in the order they must be compiled: dependencies first). */
export interface ResolvedSchema {
  schemaType: SchemaType;
  schema: string;
  references: Array<{ name: string; schema: string; schemaType: SchemaType }>;
}

/** A field-level problem of a value written against a schema. */
export interface ValueProblem {
  path: string;
  message: string;
}

export interface DecodedValue {
  value: unknown;
  /** Avro: the branch each union with more than one non-null branch took. */
  unions?: Array<{ path: string; branch: string }>;
  /** Protobuf: the message type the indexes named. */
  message?: string;
}

/** A compiled schema: payload bytes (after the framing) to JSON, and JSON to payload bytes. */
export interface SchemaCodec {
  /** The record's or the file's first message's full name. */
  name: string;
  decode(payload: Buffer, indexes?: number[]): DecodedValue;
  /** The bytes of `value`, or the fields that do not fit the schema. `message` picks a Protobuf message other than the first. */
  encode(value: unknown, message?: string): { bytes: Buffer; indexes?: number[] } | { problems: ValueProblem[] };
}
