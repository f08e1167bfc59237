import "server-only";
import * as zlib from "node:zlib";
import type { Broker } from "kafkajs";
import { AppError } from "../http/errors";

/*
 * Fetch v11 and record batches (magic 2), read by hand. kafkajs decodes every record of a
 * fetch into objects with offsets and timestamps as strings (64-bit Long arithmetic per
 * record) before we see any of it; a search wants the raw bytes instead, so it can skip a
 * whole batch that does not contain what is searched for and decode only what matches.
 * Offsets and timestamps are JavaScript numbers: exact up to 2^53, far beyond any real log.
 */

const fetchApiKey = 1;
const fetchVersion = 11;
export type Isolation = "read_uncommitted" | "read_committed";

export interface PartitionFetch {
  partition: number;
  fetchOffset: number;
  maxBytes: number;
}

export interface FetchedPartition {
  partition: number;
  errorCode: number;
  highWatermark: number;
  /** What a read_committed reader may reach; read_committed fetches stop there. */
  lastStableOffset: number;
  /** Transactions the broker reports as aborted in the fetched range (read_committed fetches only). */
  abortedTransactions: AbortedTransaction[];
  /** The partition's record batches; the last one may be cut short by the size limits. */
  records: Buffer | null;
}

export interface AbortedTransaction {
  producerId: bigint;
  firstOffset: number;
}

/** Kafka's error codes a partition of a Fetch answer may carry, by the names kafkajs gives them. */
export const fetchErrorNames: Record<number, string> = {
  1: "OFFSET_OUT_OF_RANGE",
  3: "UNKNOWN_TOPIC_OR_PARTITION",
  5: "LEADER_NOT_AVAILABLE",
  6: "NOT_LEADER_OR_FOLLOWER",
  29: "TOPIC_AUTHORIZATION_FAILED",
  74: "FENCED_LEADER_EPOCH",
  75: "UNKNOWN_LEADER_EPOCH",
  100: "UNKNOWN_TOPIC_ID",
};

function encodeFetchRequest(topic: string, partitions: PartitionFetch[], maxBytes: number, isolation: Isolation): Buffer {
  const name = Buffer.from(topic, "utf8");
  const buffer = Buffer.alloc(4 * 6 + 1 + 4 + 2 + name.length + 4 + partitions.length * 28 + 4 + 2);
  let at = 0;
  at = buffer.writeInt32BE(-1, at); // replica id: a consumer
  at = buffer.writeInt32BE(0, at); // max wait: everything asked for is below the high watermark
  at = buffer.writeInt32BE(1, at); // min bytes
  at = buffer.writeInt32BE(maxBytes, at);
  at = buffer.writeInt8(isolation === "read_committed" ? 1 : 0, at);
  at = buffer.writeInt32BE(0, at); // session id: no fetch session
  at = buffer.writeInt32BE(-1, at); // session epoch
  at = buffer.writeInt32BE(1, at); // one topic
  at = buffer.writeInt16BE(name.length, at);
  at += name.copy(buffer, at);
  at = buffer.writeInt32BE(partitions.length, at);
  for (const p of partitions) {
    at = buffer.writeInt32BE(p.partition, at);
    at = buffer.writeInt32BE(-1, at); // current leader epoch: unknown
    at = buffer.writeBigInt64BE(BigInt(p.fetchOffset), at);
    at = buffer.writeBigInt64BE(-1n, at); // log start offset: only followers send it
    at = buffer.writeInt32BE(p.maxBytes, at);
  }
  at = buffer.writeInt32BE(0, at); // forgotten topics
  buffer.writeInt16BE(0, at); // rack id ""
  return buffer;
}

function decodeFetchResponse(body: Buffer): FetchedPartition[] {
  let at = 4; // throttle time
  const errorCode = body.readInt16BE(at);
  at += 2 + 4; // error code, session id
  if (errorCode !== 0)
    throw Object.assign(new Error(`Fetch failed with error ${fetchErrorNames[errorCode] ?? errorCode}`), { type: fetchErrorNames[errorCode] });
  const partitions: FetchedPartition[] = [];
  const topics = body.readInt32BE(at);
  at += 4;
  for (let t = 0; t < topics; t++) {
    at += 2 + body.readInt16BE(at); // topic name
    const count = body.readInt32BE(at);
    at += 4;
    for (let p = 0; p < count; p++) {
      const partition = body.readInt32BE(at);
      const code = body.readInt16BE(at + 4);
      const highWatermark = Number(body.readBigInt64BE(at + 6));
      const lastStableOffset = Number(body.readBigInt64BE(at + 14));
      at += 4 + 2 + 8 + 8 + 8; // partition, error, high watermark, last stable offset, log start offset
      const aborted = body.readInt32BE(at);
      at += 4;
      const abortedTransactions: AbortedTransaction[] = [];
      for (let i = 0; i < aborted; i++, at += 16)
        abortedTransactions.push({ producerId: body.readBigInt64BE(at), firstOffset: Number(body.readBigInt64BE(at + 8)) });
      at += 4; // preferred read replica
      const size = body.readInt32BE(at);
      at += 4;
      const records = size < 0 ? null : body.subarray(at, at + size);
      at += Math.max(0, size);
      partitions.push({ partition, errorCode: code, highWatermark, lastStableOffset, abortedTransactions, records });
    }
  }
  return partitions;
}

/**
 * One Fetch v11 to `broker` for `partitions` of `topic`, answered as raw record bytes per
 * partition. Sent through the broker's own connection (kafkajs's private request sender),
 * so TLS, SASL and timeouts are kafkajs's.
 */
export async function fetchRecords(
  broker: Broker,
  topic: string,
  partitions: PartitionFetch[],
  maxBytes: number,
  isolation: Isolation = "read_uncommitted",
): Promise<FetchedPartition[]> {
  const versions = (broker as unknown as { versions?: Record<number, { minVersion: number; maxVersion: number }> }).versions?.[fetchApiKey];
  if (versions && (versions.maxVersion < fetchVersion || versions.minVersion > fetchVersion)) {
    throw new AppError(
      "KAFKA_UNSUPPORTED",
      `The broker does not speak Fetch v${fetchVersion} (it offers v${versions.minVersion}–v${versions.maxVersion}); browsing needs Kafka 2.3 or later`,
    );
  }
  const send = Object.getOwnPropertySymbols(Object.getPrototypeOf(broker)).find((s) => s.description === "private:Broker:sendRequest");
  if (!send) throw new Error("kafkajs no longer exposes its broker request sender; check the kafkajs version");
  const sender = (broker as unknown as Record<symbol, (request: unknown) => Promise<FetchedPartition[]>>)[send]!;
  const body = encodeFetchRequest(topic, partitions, maxBytes, isolation);
  return sender.call(broker, {
    request: { apiKey: fetchApiKey, apiVersion: fetchVersion, apiName: "Fetch", encode: async () => ({ buf: body, buffer: body }) },
    response: { decode: async (payload: Buffer) => payload, parse: async (payload: Buffer) => decodeFetchResponse(payload) },
  });
}

export interface RecordBatch {
  baseOffset: number;
  lastOffset: number;
  /** Timestamps of the batch's records are relative to this one (or all equal to maxTimestamp, for log-append time). */
  baseTimestamp: number;
  logAppendTime: number | null;
  isControl: boolean;
  isTransactional: boolean;
  producerId: bigint;
  recordCount: number;
  /** The batch's records, decompressed. */
  records: Buffer;
}

const codecNames = ["none", "gzip", "snappy", "lz4", "zstd"];

function decompress(codec: number, bytes: Buffer, partition: number): Buffer {
  if (codec === 1) return zlib.gunzipSync(bytes);
  const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Buffer) => Buffer }).zstdDecompressSync;
  if (codec === 4 && zstd) return zstd(bytes);
  throw new AppError(
    "RECORDS_UNREADABLE",
    `Partition ${partition} holds ${codecNames[codec] ?? `codec ${codec}`}-compressed messages, which the console cannot decode`,
  );
}

/** The complete record batches in one partition's fetched bytes, decompressed; a batch cut short at the end is left out. */
export function* recordBatches(bytes: Buffer, partition: number): Generator<RecordBatch> {
  let at = 0;
  while (at + 61 <= bytes.length) {
    const baseOffset = Number(bytes.readBigInt64BE(at));
    const end = at + 12 + bytes.readInt32BE(at + 8);
    if (end > bytes.length) return;
    const magic = bytes.readInt8(at + 16);
    if (magic !== 2)
      throw new AppError("KAFKA_UNSUPPORTED", `Partition ${partition} holds messages in the old format (magic ${magic}), which the console does not read`);
    const attributes = bytes.readInt16BE(at + 21);
    const codec = attributes & 0x07;
    const raw = bytes.subarray(at + 61, end);
    yield {
      baseOffset,
      lastOffset: baseOffset + bytes.readInt32BE(at + 23),
      baseTimestamp: Number(bytes.readBigInt64BE(at + 27)),
      logAppendTime: attributes & 0x08 ? Number(bytes.readBigInt64BE(at + 35)) : null,
      isControl: (attributes & 0x20) !== 0,
      isTransactional: (attributes & 0x10) !== 0,
      producerId: bytes.readBigInt64BE(at + 43),
      recordCount: bytes.readInt32BE(at + 57),
      records: codec === 0 ? raw : decompress(codec, raw, partition),
    };
    at = end;
  }
}

/**
 * One record of a batch, read in place: key, value and headers are positions in the
 * batch's bytes until asked for. One instance is reused for every record of a scan.
 */
export class RecordView {
  bytes: Buffer = Buffer.alloc(0);
  offset = 0;
  timestamp = 0;
  keyStart = 0;
  keyLength = -1;
  valueStart = 0;
  valueLength = -1;
  headersStart = 0;
  headerCount = 0;
  private at = 0;

  private varint(): number {
    const bytes = this.bytes;
    let byte = bytes[this.at++]!;
    let value = byte & 0x7f;
    let scale = 128;
    while (byte & 0x80) {
      byte = bytes[this.at++]!;
      value += (byte & 0x7f) * scale;
      scale *= 128;
    }
    // Zigzag: 0, -1, 1, -2, … encoded as 0, 1, 2, 3, …
    return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
  }

  /** Reads the record starting at `at` in `batch`; returns where the next one starts. */
  read(batch: RecordBatch, at: number): number {
    this.bytes = batch.records;
    this.at = at;
    const length = this.varint();
    const end = this.at + length;
    this.at++; // attributes
    const timestampDelta = this.varint();
    this.timestamp = batch.logAppendTime ?? batch.baseTimestamp + timestampDelta;
    this.offset = batch.baseOffset + this.varint();
    this.keyLength = this.varint();
    this.keyStart = this.at;
    this.at += Math.max(0, this.keyLength);
    this.valueLength = this.varint();
    this.valueStart = this.at;
    this.at += Math.max(0, this.valueLength);
    this.headerCount = this.varint();
    this.headersStart = this.at;
    return end;
  }

  key(): Buffer | null {
    return this.keyLength < 0 ? null : this.bytes.subarray(this.keyStart, this.keyStart + this.keyLength);
  }

  value(): Buffer | null {
    return this.valueLength < 0 ? null : this.bytes.subarray(this.valueStart, this.valueStart + this.valueLength);
  }

  headers(): Array<[string, Buffer | null]> {
    const headers: Array<[string, Buffer | null]> = [];
    this.at = this.headersStart;
    for (let i = 0; i < this.headerCount; i++) {
      const nameLength = this.varint();
      const name = this.bytes.toString("utf8", this.at, this.at + nameLength);
      this.at += nameLength;
      const valueLength = this.varint();
      headers.push([name, valueLength < 0 ? null : this.bytes.subarray(this.at, this.at + valueLength)]);
      this.at += Math.max(0, valueLength);
    }
    return headers;
  }
}
