import "server-only";
import type { FilterSubject } from "@/lib/kafka/filter";
import type { DecodedPayload, KafkaMessage } from "@/lib/schemas/kafka-messages";

/** The shape kafkajs decodes a record into. */
export interface RawRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | Array<Buffer | string> | undefined>;
  isControlRecord?: boolean;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
// Control characters other than tab, newline and carriage return mark a payload as binary.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const jsonStart = /^\s*[[{"]|^\s*(-?\d|true\b|false\b|null\b)/;

/** JSON, UTF-8 text, or hex for anything else; text beyond `limit` bytes is cut (and says so). */
export function decodePayload(bytes: Buffer | string | null | undefined, limit: number): DecodedPayload | null {
  if (bytes === null || bytes === undefined) return null;
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  const size = buffer.length;
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    const shown = buffer.subarray(0, Math.floor(limit / 2));
    return { encoding: "binary", text: shown.toString("hex"), size, truncated: shown.length < size };
  }
  if (controlCharacters.test(text)) {
    const shown = buffer.subarray(0, Math.floor(limit / 2));
    return { encoding: "binary", text: shown.toString("hex"), size, truncated: shown.length < size };
  }
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
  return { encoding: encoding === "json" ? "text" : encoding, text: buffer.subarray(0, limit).toString("utf8").replace(/\uFFFD$/, ""), size, truncated: true };
}

function headerEntries(headers: RawRecord["headers"]): Array<[string, Buffer | string]> {
  const entries: Array<[string, Buffer | string]> = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) entries.push([name, one]);
  }
  return entries;
}

/** A record as the page shows it; payloads longer than `limit` bytes are cut. */
export function toKafkaMessage(partition: number, record: RawRecord, limit: number): KafkaMessage {
  return {
    partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key: decodePayload(record.key, limit),
    value: decodePayload(record.value, limit),
    headers: headerEntries(record.headers).map(([name, value]) => ({ name, value: decodePayload(value, limit) })),
  };
}

const notParsed = Symbol("not parsed");

/**
 * A record seen by a filter. Decodes lazily and at most once: a filter on the key never
 * turns the value into a string, and `value contains` searches the raw bytes.
 */
export class RecordSubject implements FilterSubject {
  private record!: RawRecord;
  private parsed: unknown = notParsed;
  partition = 0;
  offset = 0;
  timestamp = 0;
  private readonly needles = new Map<string, Buffer>();

  /** Reuses one subject for every record of a scan. */
  reset(partition: number, record: RawRecord): this {
    this.record = record;
    this.parsed = notParsed;
    this.partition = partition;
    this.offset = Number(record.offset);
    this.timestamp = Number(record.timestamp);
    return this;
  }

  private needle(text: string): Buffer {
    let bytes = this.needles.get(text);
    if (!bytes) this.needles.set(text, (bytes = Buffer.from(text, "utf8")));
    return bytes;
  }

  keyText(): string | null {
    return this.record.key === null ? null : this.record.key.toString("utf8");
  }

  keyContains(needle: string): boolean {
    return this.record.key !== null && this.record.key.indexOf(this.needle(needle)) !== -1;
  }

  valueText(): string | null {
    return this.record.value === null ? null : this.record.value.toString("utf8");
  }

  valueContains(needle: string): boolean {
    return this.record.value !== null && this.record.value.indexOf(this.needle(needle)) !== -1;
  }

  header(name: string): string | null {
    const value = this.record.headers?.[name];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? null : first.toString();
  }

  json(): unknown {
    if (this.parsed === notParsed) {
      try {
        this.parsed = this.record.value === null ? undefined : JSON.parse(this.record.value.toString("utf8"));
      } catch {
        this.parsed = undefined;
      }
    }
    return this.parsed;
  }
}
