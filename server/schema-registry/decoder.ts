import "server-only";
import type { PayloadSchema } from "@/lib/schemas/kafka-messages";
import { errorMessage } from "../http/errors";
import { registryBase, registryConfigured, schemaById, subjectVersion, subjectVersionsOfId, type RegisteredSchema, type SchemaReference } from "./client";
import { avroCodec } from "./formats/avro";
import type { DecodedValue, ResolvedSchema, SchemaCodec } from "./formats/codec";
import { jsonSchemaCodec } from "./formats/json-schema";
import { protobufCodec } from "./formats/protobuf";
import { readFraming, readMessageIndexes } from "./wire";

type Entry = { state: "ready"; codec: SchemaCodec; info: Omit<PayloadSchema, "message" | "unions"> } | { state: "failed"; reason: string; until: number };

/** Ids are immutable in a registry: a compiled schema stays cached for the life of the process. */
const cache = ((globalThis as unknown as { eventdeckSchemas?: Map<string, Entry> }).eventdeckSchemas ??= new Map());
const unknownIdRetryMs = 60_000;
const unavailableRetryMs = 5_000;

export function forgetSchemas(): void {
  cache.clear();
}

export function compileSchema(schema: ResolvedSchema): SchemaCodec {
  if (schema.schemaType === "PROTOBUF") return protobufCodec(schema);
  if (schema.schemaType === "JSON") return jsonSchemaCodec(schema);
  return avroCodec(schema);
}

/** A schema with what it references, dependencies first, each once. */
export async function resolveReferences(schema: RegisteredSchema): Promise<ResolvedSchema> {
  const resolved: ResolvedSchema["references"] = [];
  const seen = new Set<string>();
  const visit = async (references: SchemaReference[], depth: number) => {
    if (depth > 16) throw new Error("schema references nest more than 16 deep");
    for (const reference of references) {
      if (seen.has(reference.name)) continue;
      seen.add(reference.name);
      const found = await subjectVersion(reference.subject, reference.version);
      await visit(found.references, depth + 1);
      resolved.push({ name: reference.name, schema: found.schema, schemaType: found.schemaType });
    }
  };
  await visit(schema.references, 0);
  return { schemaType: schema.schemaType, schema: schema.schema, references: resolved };
}

async function load(id: number, topic: string | undefined): Promise<Entry> {
  try {
    const schema = await schemaById(id);
    if (!schema) return { state: "failed", reason: `schema id ${id} is unknown to the Schema Registry`, until: Date.now() + unknownIdRetryMs };
    const [codec, where] = await Promise.all([resolveReferences(schema).then(compileSchema), subjectVersionsOfId(id)]);
    // The topic's own subject first (TopicNameStrategy), else the first that holds the id.
    const subject = where.find((s) => topic && (s.subject === `${topic}-value` || s.subject === `${topic}-key`)) ?? where[0];
    return {
      state: "ready",
      codec,
      info: { id, type: schema.schemaType, name: codec.name, ...(subject ? { subject: subject.subject, version: subject.version } : {}) },
    };
  } catch (error) {
    return { state: "failed", reason: `the Schema Registry could not give schema id ${id}: ${errorMessage(error)}`, until: Date.now() + unavailableRetryMs };
  }
}

export type SchemaDecoding = { value: unknown; schema: PayloadSchema } | { failure: string; schemaId: number };

/**
 * Decodes keys and values in the Confluent framing for one scan or read. Decoding is
 * synchronous (a scan decodes inside its loop); a schema id not yet compiled is remembered in
 * `missing`, and `prepare` fetches those before the scan reads the record again.
 */
export class SchemaDecoder {
  readonly missing = new Set<number>();
  private readonly enabled = registryConfigured();
  private readonly base = this.enabled ? registryBase() : "";

  constructor(private readonly topic?: string) {}

  /** The decoding of framed bytes; `undefined` for bytes not in the framing (or no registry), `"missing"` until `prepare`. */
  decode(bytes: Buffer | null): SchemaDecoding | "missing" | undefined {
    if (!this.enabled) return undefined;
    const framing = readFraming(bytes);
    if (!framing) return undefined;
    const entry = cache.get(`${this.base}|${framing.schemaId}`);
    if (!entry || (entry.state === "failed" && entry.until < Date.now())) {
      this.missing.add(framing.schemaId);
      return "missing";
    }
    if (entry.state === "failed") return { failure: entry.reason, schemaId: framing.schemaId };
    try {
      let decoded: DecodedValue;
      if (entry.info.type === "PROTOBUF") {
        const { indexes, payload } = readMessageIndexes(framing.rest);
        decoded = entry.codec.decode(payload, indexes);
      } else decoded = entry.codec.decode(framing.rest);
      return {
        value: decoded.value,
        schema: { ...entry.info, ...(decoded.message ? { name: decoded.message } : {}), ...(decoded.unions ? { unions: decoded.unions } : {}) },
      };
    } catch (error) {
      return { failure: `the bytes do not decode with schema id ${framing.schemaId} (${entry.info.type}): ${errorMessage(error)}`, schemaId: framing.schemaId };
    }
  }

  /** Fetches and compiles the schemas `decode` found missing (or the given ids). */
  async prepare(ids: Iterable<number> = this.missing): Promise<void> {
    const wanted = [...new Set(ids)];
    this.missing.clear();
    await Promise.all(
      wanted.map(async (id) => {
        const key = `${this.base}|${id}`;
        const entry = cache.get(key);
        if (entry && (entry.state === "ready" || entry.until >= Date.now())) return;
        cache.set(key, await load(id, this.topic));
      }),
    );
  }

  /** The schema ids of framed bytes, for a read that knows its records before decoding them. */
  static idsOf(...payloads: Array<Buffer | null>): number[] {
    return payloads.map((bytes) => readFraming(bytes)?.schemaId).filter((id): id is number => id !== undefined);
  }
}
