import "server-only";
import type { FilterSubject } from "@/lib/kafka/filter";
import type { DecodedPayload, KafkaMessage } from "@/lib/schemas/kafka-messages";
import { AppError } from "../http/errors";
import type { SchemaDecoder } from "../schema-registry/decoder";
import type { RecordView } from "./protocol/record-batch-reader";

/** Thrown while decoding a record whose schema id the decoder has not fetched yet: the scan fetches it and reads the record again. */
export class SchemaNeeded extends Error {}

const utf8 = new TextDecoder("utf-8", { fatal: true });
// Control characters other than tab, newline and carriage return mark a payload as binary.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const jsonStart = /^\s*[[{"]|^\s*(-?\d|true\b|false\b|null\b)/;

function binary(buffer: Buffer, limit: number): DecodedPayload {
  const shown = buffer.subarray(0, Math.floor(limit / 2));
  return { encoding: "binary", text: shown.toString("hex"), size: buffer.length, truncated: shown.length < buffer.length };
}

/** A payload decoded with its schema, as JSON; the hex of its bytes and the reason when that failed. */
function decodeWithSchema(buffer: Buffer, limit: number, decoder: SchemaDecoder | undefined, raw: boolean): DecodedPayload | undefined {
  const decoded = decoder?.decode(buffer);
  if (decoded === undefined) return undefined;
  if (decoded === "missing") throw new SchemaNeeded();
  if ("failure" in decoded) return { ...binary(buffer, limit), schemaError: decoded.failure };
  const text = JSON.stringify(decoded.value);
  const rawHex = raw ? { raw: buffer.toString("hex") } : {};
  if (Buffer.byteLength(text) <= limit) return { encoding: "json", text, size: buffer.length, truncated: false, schema: decoded.schema, ...rawHex };
  return { encoding: "text", text: text.slice(0, limit), size: buffer.length, truncated: true, schema: decoded.schema, ...rawHex };
}

/**
 * JSON, UTF-8 text, or hex for anything else; text beyond `limit` bytes is cut (and says so).
 * With a decoder, bytes in the Confluent framing are decoded with their schema.
 */
export function decodePayload(buffer: Buffer | null, limit: number, decoder?: SchemaDecoder, raw = false): DecodedPayload | null {
  if (buffer === null) return null;
  const withSchema = decodeWithSchema(buffer, limit, decoder, raw);
  if (withSchema) return withSchema;
  const size = buffer.length;
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    return binary(buffer, limit);
  }
  if (controlCharacters.test(text)) return binary(buffer, limit);
  let encoding: DecodedPayload["encoding"] = "text";
  if (jsonStart.test(text)) {
    try {
      JSON.parse(text);
      encoding = "json";
    } catch {
      // Looked like JSON but is not: plain text.
    }
  }
  if (size <= limit) return { encoding, text, size, truncated: false };
  // Cut on a character boundary; a cut JSON document is no longer JSON.
  return {
    encoding: encoding === "json" ? "text" : encoding,
    text: buffer
      .subarray(0, limit)
      .toString("utf8")
      .replace(/\uFFFD$/, ""),
    size,
    truncated: true,
  };
}

/** A record as the page shows it; payloads longer than `limit` bytes are cut. */
export function toKafkaMessage(partition: number, record: RecordView, limit: number, decoder?: SchemaDecoder, raw = false): KafkaMessage {
  return {
    partition,
    offset: String(record.offset),
    timestamp: String(record.timestamp),
    key: decodePayload(record.key(), limit, decoder, raw),
    value: decodePayload(record.value(), limit, decoder, raw),
    headers: record.headers().map(([name, value]) => ({ name, value: decodePayload(value, limit) })),
  };
}

const notParsed = Symbol("not parsed");

/**
 * A record seen by a filter. Decodes lazily and at most once: a filter on the key never
 * turns the value into a string, and `value contains` searches the raw bytes.
 */
export class RecordSubject implements FilterSubject {
  private record!: RecordView;
  private parsed: unknown = notParsed;
  private headerList: Array<[string, Buffer | null]> | null = null;
  partition = 0;
  private readonly needles = new Map<string, Buffer>();

  /**
   * With a decoder, JSON paths reach into values in the Confluent framing (Avro, Protobuf, JSON
   * Schema). `strict`: a framed value that cannot be decoded is an error, not a value without
   * fields (a replay must not drop records because the registry is down).
   */
  constructor(
    private readonly decoder?: SchemaDecoder,
    private readonly strict = false,
  ) {}

  /** Points the one subject of a scan at its next record. */
  reset(partition: number, record: RecordView): this {
    this.record = record;
    this.parsed = notParsed;
    this.headerList = null;
    this.partition = partition;
    return this;
  }

  get offset(): number {
    return this.record.offset;
  }

  get timestamp(): number {
    return this.record.timestamp;
  }

  private needle(text: string): Buffer {
    let bytes = this.needles.get(text);
    if (!bytes) this.needles.set(text, (bytes = Buffer.from(text, "utf8")));
    return bytes;
  }

  keyText(): string | null {
    return this.record.key()?.toString("utf8") ?? null;
  }

  keyContains(needle: string): boolean {
    const key = this.record.key();
    return key !== null && key.indexOf(this.needle(needle)) !== -1;
  }

  valueText(): string | null {
    return this.record.value()?.toString("utf8") ?? null;
  }

  valueContains(needle: string): boolean {
    const value = this.record.value();
    return value !== null && value.indexOf(this.needle(needle)) !== -1;
  }

  header(name: string): string | null {
    this.headerList ??= this.record.headers();
    const found = this.headerList.find(([headerName]) => headerName === name);
    return found?.[1]?.toString("utf8") ?? null;
  }

  json(): unknown {
    if (this.parsed === notParsed) {
      const value = this.record.value();
      const decoded = value === null ? undefined : this.decoder?.decode(value);
      if (decoded === "missing") {
        if (this.strict) throw new AppError("SCHEMA_REGISTRY_UNAVAILABLE", "A value's schema was not fetched from the Schema Registry in time; try again");
        throw new SchemaNeeded();
      }
      if (decoded !== undefined && "failure" in decoded && this.strict)
        throw new AppError("SCHEMA_REGISTRY_UNAVAILABLE", `Partition ${this.partition} offset ${this.record.offset}: ${decoded.failure}`);
      if (decoded !== undefined) this.parsed = "value" in decoded ? decoded.value : undefined;
      else
        try {
          this.parsed = value === null ? undefined : JSON.parse(value.toString("utf8"));
        } catch {
          this.parsed = undefined;
        }
    }
    return this.parsed;
  }
}
