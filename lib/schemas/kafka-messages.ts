import { z } from "zod";
import { checkFilter, maxFilterLength } from "@/lib/kafka/filter";
import { topicNameSchema } from "./kafka";

/** Messages scanned per browse request: the default, and the most anyone may ask for. */
export const scanLimits = { defaultMaxScan: 10_000, maxScan: 1_000_000, defaultMaxMatches: 100, maxMatches: 1_000, defaultCount: 50 } as const;
/** The largest produce request body; bigger ones are refused with 413 before Kafka sees them. */
export const maxProduceBytes = 1024 * 1024;

/** Kafka's record-batch codecs, by their names in `compression.type`. */
export const compressionCodecs = ["none", "gzip", "snappy", "lz4", "zstd"] as const;
export type CompressionCodec = (typeof compressionCodecs)[number];

export const startModes = ["earliest", "latest", "offset", "timestamp"] as const;
export type StartMode = (typeof startModes)[number];

const offsetString = z.string().regex(/^\d{1,19}$/, "a non-negative whole number");
const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, "a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** A point in time as an ISO date-time or milliseconds since the epoch. */
const timestampParam = z.string().transform((raw, ctx) => {
  const ms = /^\d{1,15}$/.test(raw) ? Number(raw) : Date.parse(raw);
  // Before 1970 Kafka's ListOffsets reads a negative time as a special offset ("latest", "earliest").
  if (Number.isNaN(ms) || ms < 0) {
    ctx.addIssue({ code: "custom", message: "an ISO date-time from 1970 on (2024-05-01T12:00:00Z) or milliseconds since the epoch" });
    return z.NEVER;
  }
  return ms;
});

/**
 * Query of GET /api/kafka/topics/:topic/messages (server-sent events). Every setting of
 * the browser lives in the page's URL with the same names.
 */
export const browseQuerySchema = z
  .object({
    /** Comma-separated partition numbers; empty means every partition. */
    partitions: z
      .string()
      .regex(/^(\d{1,6}(,\d{1,6})*)?$/, "comma-separated partition numbers, e.g. 0,2")
      .default("")
      .transform((raw) => (raw ? [...new Set(raw.split(",").map(Number))].sort((a, b) => a - b) : [])),
    start: z.enum(startModes).default("latest"),
    /** With start=latest: the last `count` messages of each partition. */
    count: intParam(1, scanLimits.maxScan).default(scanLimits.defaultCount),
    /** With start=offset: the first offset read in each chosen partition. */
    offset: offsetString.optional(),
    /** With start=timestamp: the first message at or after this time. */
    timestamp: timestampParam.optional(),
    filter: z
      .string()
      .max(maxFilterLength)
      .default("")
      .transform((raw) => raw.trim()),
    maxScan: intParam(1, scanLimits.maxScan).default(scanLimits.defaultMaxScan),
    maxMatches: intParam(1, scanLimits.maxMatches).default(scanLimits.defaultMaxMatches),
  })
  .superRefine((query, ctx) => {
    if (query.start === "offset" && query.offset === undefined) ctx.addIssue({ code: "custom", path: ["offset"], message: "start=offset needs an offset" });
    if (query.start === "timestamp" && query.timestamp === undefined) {
      ctx.addIssue({ code: "custom", path: ["timestamp"], message: "start=timestamp needs a timestamp" });
    }
    const syntax = query.filter ? checkFilter(query.filter) : null;
    if (syntax) ctx.addIssue({ code: "custom", path: ["filter"], message: syntax.message, params: { position: syntax.position } });
  });
export type BrowseQuery = z.infer<typeof browseQuerySchema>;

export const messageAddressSchema = z.object({
  partition: intParam(0, 999_999),
  offset: offsetString,
});

/** Path parameters of GET /api/kafka/topics/:topic/messages/:partition/:offset. */
export const messageParams = messageAddressSchema.extend({ topic: topicNameSchema });

const headerSchema = z.object({
  name: z.string().min(1, "a header needs a name").max(256),
  value: z.string().max(64 * 1024),
});

/** Body of POST /api/kafka/topics/:topic/messages. */
export const produceMessageSchema = z
  .object({
    key: z
      .string()
      .max(64 * 1024)
      .nullable()
      .default(null),
    value: z.string(),
    /** "json": the value must parse as JSON and is sent as written. "schema": JSON encoded with `valueSchema` in the Confluent framing. */
    valueFormat: z.enum(["json", "text", "schema"]).default("text"),
    /** With valueFormat "schema": the subject and version (default the latest) to encode with; Protobuf may name a message other than the first. */
    valueSchema: z
      .object({
        subject: z.string().min(1).max(255),
        version: z.union([z.number().int().min(1), z.literal("latest")]).default("latest"),
        message: z.string().min(1).max(512).optional(),
      })
      .optional(),
    headers: z.array(headerSchema).max(64).default([]),
    /** Omitted: Kafka's default partitioner chooses (by key). */
    partition: z.number().int().min(0).max(999_999).optional(),
    /** The codec of the batch the message is written in. */
    compression: z.enum(compressionCodecs).default("none"),
  })
  .superRefine((body, ctx) => {
    if (body.valueFormat === "schema" && !body.valueSchema)
      ctx.addIssue({ code: "custom", path: ["valueSchema"], message: 'valueFormat "schema" needs valueSchema (a subject)' });
    if (body.valueFormat === "text") return;
    try {
      JSON.parse(body.value);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` });
    }
  });
export type ProduceMessageInput = z.input<typeof produceMessageSchema>;

export interface ProduceResult {
  topic: string;
  partition: number;
  offset: string;
}

export type PayloadEncoding = "json" | "text" | "binary";

/** A key, value or header as the page shows it: JSON and UTF-8 text as text, anything else as hex. */
export interface DecodedPayload {
  encoding: PayloadEncoding;
  /** The text; for binary, the bytes in hex. */
  text: string;
  /** Size in bytes of the whole payload. */
  size: number;
  /** True when `text` holds only the beginning of a large payload. */
  truncated: boolean;
  /** Decoded with a Schema Registry's schema (the Confluent framing): `text` is its JSON. */
  schema?: PayloadSchema;
  /** In the Confluent framing but not decodable (an id the registry does not know, a registry that is down): why; `text` is hex. */
  schemaError?: string;
  /** The bytes as written, in hex, beside a decoded value (the single-message view only). */
  raw?: string;
}

/** The schema a payload was decoded with. */
export interface PayloadSchema {
  id: number;
  type: "AVRO" | "PROTOBUF" | "JSON";
  /** The record's or message's full name (JSON Schema: its title). */
  name: string;
  subject?: string;
  version?: number;
  /** Avro: the branch each union with more than one non-null branch took. */
  unions?: Array<{ path: string; branch: string }>;
}

export interface KafkaMessage {
  partition: number;
  offset: string;
  /** Milliseconds since the epoch. */
  timestamp: string;
  key: DecodedPayload | null;
  value: DecodedPayload | null;
  headers: Array<{ name: string; value: DecodedPayload | null }>;
}

export interface ScanRange {
  partition: number;
  /** First offset read, and the end (exclusive: the high watermark when the scan began). */
  from: string;
  to: string;
}

export interface ScanProgress {
  scanned: number;
  matched: number;
  /** Batches passed over because their records cannot be read (corrupt compressed data), with where and why. */
  unreadable: UnreadableRange[];
}

export interface UnreadableRange {
  partition: number;
  /** First and last offset of the batch. */
  from: string;
  to: string;
  codec: string;
  reason: string;
}

export type ScanEndReason = "end" | "scan-cap" | "match-cap" | "stopped" | "time-limit";

/** What the browse stream sends, one server-sent event each. */
export type ScanEvent =
  | { type: "start"; ranges: ScanRange[]; maxScan: number; maxMatches: number; total: number }
  | { type: "message"; message: KafkaMessage }
  | ({ type: "progress" } & ScanProgress)
  | ({ type: "done"; reason: ScanEndReason } & ScanProgress)
  | { type: "error"; code: string; message: string };
