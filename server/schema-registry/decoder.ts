import "server-only";
import type { PayloadSchema } from "@/lib/schemas/kafka-messages";
import { errorMessage } from "../http/errors";
import { registryBase, registryConfigured, schemaById, subjectVersion, subjectVersionsOfId, type RegisteredSchema, type SchemaReference } from "./client";
import { avroCodec } from "./formats/avro";
import type { DecodedValue, ResolvedSchema, SchemaCodec } from "./formats/codec";
import { jsonSchemaCodec } from "./formats/json-schema";
import { protobufCodec } from "./formats/protobuf";
import { RecordView, type RecordBatch } from "../kafka/protocol/record-batch-reader";
import { readFraming, readMessageIndexes } from "./wire";

type Entry =
  | { state: "ready"; codec: SchemaCodec; info: Omit<PayloadSchema, "subject" | "version" | "unions">; subjects: Array<{ subject: string; version: number }> }
  | { state: "failed"; reason: string; until: number };

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

async function load(id: number): Promise<Entry> {
  try {
    const schema = await schemaById(id);
    if (!schema) return { state: "failed", reason: `schema id ${id} is unknown to the Schema Registry`, until: Date.now() + unknownIdRetryMs };
    const [codec, subjects] = await Promise.all([resolveReferences(schema).then(compileSchema), subjectVersionsOfId(id)]);
    return { state: "ready", codec, info: { id, type: schema.schemaType, name: codec.name }, subjects };
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
  /** Each id's subject for this decoder's topic: the same schema (one id) may be registered under several. */
  private readonly subjectOf = new Map<number, { subject: string; version: number } | undefined>();
  private readonly refreshed = new Set<number>();
  private readonly enabled = registryConfigured();
  private readonly base = this.enabled ? registryBase() : "";

  constructor(private readonly topic?: string) {}

  /** The decoding of framed bytes; `undefined` for bytes not in the framing (or no registry), `"missing"` until `prepare`. */
  decode(bytes: Buffer | null): SchemaDecoding | "missing" | undefined {
    if (!this.enabled) return undefined;
    const framing = readFraming(bytes);
    if (!framing) return undefined;
    if (this.needs(framing.schemaId)) {
      this.missing.add(framing.schemaId);
      return "missing";
    }
    const entry = cache.get(`${this.base}|${framing.schemaId}`)!;
    if (entry.state === "failed") return { failure: entry.reason, schemaId: framing.schemaId };
    try {
      let decoded: DecodedValue;
      if (entry.info.type === "PROTOBUF") {
        const { indexes, payload } = readMessageIndexes(framing.rest);
        decoded = entry.codec.decode(payload, indexes);
      } else decoded = entry.codec.decode(framing.rest);
      return {
        value: decoded.value,
        schema: {
          ...entry.info,
          ...this.subjectFor(framing.schemaId, entry.subjects),
          ...(decoded.message ? { name: decoded.message } : {}),
          ...(decoded.unions ? { unions: decoded.unions } : {}),
        },
      };
    } catch (error) {
      return { failure: `the bytes do not decode with schema id ${framing.schemaId} (${entry.info.type}): ${errorMessage(error)}`, schemaId: framing.schemaId };
    }
  }

  /**
   * Whether an id must be fetched before its values decode: not cached, failed a while ago, or
   * cached with subjects that do not include this topic's (one schema, one id, may be registered
   * under another topic's subject first; the list is read again once per decoder).
   */
  private needs(id: number): boolean {
    const entry = cache.get(`${this.base}|${id}`);
    if (!entry) return true;
    if (entry.state === "failed") return entry.until < Date.now();
    return !this.subjectOf.has(id) && !this.refreshed.has(id) && !entry.subjects.some((s: { subject: string }) => this.ownSubject(s.subject));
  }

  private ownSubject(subject: string): boolean {
    return !!this.topic && (subject === `${this.topic}-value` || subject === `${this.topic}-key`);
  }

  /** The topic's own subject (TopicNameStrategy) among those holding the id, else the first. */
  private subjectFor(id: number, subjects: Array<{ subject: string; version: number }>): { subject: string; version: number } | Record<string, never> {
    if (!this.subjectOf.has(id)) {
      this.subjectOf.set(id, subjects.find((s) => this.ownSubject(s.subject)) ?? subjects[0]);
    }
    return this.subjectOf.get(id) ?? {};
  }

  /** Fetches and compiles the schemas `decode` found missing (or the given ids). */
  async prepare(ids: Iterable<number> = this.missing): Promise<void> {
    const wanted = [...new Set(ids)];
    this.missing.clear();
    await Promise.all(
      wanted.map(async (id) => {
        const key = `${this.base}|${id}`;
        const entry = cache.get(key);
        if (entry?.state === "ready") {
          // Compiled already: only the subjects that hold it are read again.
          if (this.needs(id)) entry.subjects = await subjectVersionsOfId(id).catch(() => entry.subjects);
          this.refreshed.add(id);
          return;
        }
        if (entry && entry.until >= Date.now()) return;
        cache.set(key, await load(id));
      }),
    );
  }

  /** Fetches the schemas of the framed values in a batch, for a loop that decodes them without pausing (replay). */
  async prepareBatch(batch: RecordBatch): Promise<void> {
    if (!this.enabled) return;
    const view = new RecordView();
    const ids = new Set<number>();
    let at = 0;
    for (let i = 0; i < batch.recordCount; i++) {
      at = view.read(batch, at);
      const id = readFraming(view.value())?.schemaId;
      if (id !== undefined && this.needs(id)) ids.add(id);
    }
    if (ids.size > 0) await this.prepare(ids);
  }

  /** The schema ids of framed bytes, for a read that knows its records before decoding them. */
  static idsOf(...payloads: Array<Buffer | null>): number[] {
    return payloads.map((bytes) => readFraming(bytes)?.schemaId).filter((id): id is number => id !== undefined);
  }
}
