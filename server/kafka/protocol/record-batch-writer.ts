import "server-only";
import { crc32c } from "@node-rs/crc32";
import type { CompressionCodec } from "@/lib/schemas/kafka-messages";
import { codecId, compressSync } from "./compression";

/*
 * Record batches (magic 2) written by hand. A replay copies records it already holds as
 * bytes: building kafkajs message objects and letting kafkajs encode them again costs
 * about 16 µs a record (measured: most of a replay's time); writing the bytes straight
 * into one buffer per batch costs a fraction of that. CRC-32C is native (@node-rs/crc32).
 */

const batchHeaderSize = 61;
const attributesTransactional = 0x10;

/** Bytes of `value` as a zigzag varint (Kafka's varint and varlong; exact up to 2^53). */
function varintSize(value: number): number {
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
  let size = 1;
  while (zigzag >= 128) {
    zigzag = Math.floor(zigzag / 128);
    size++;
  }
  return size;
}

function writeVarint(buffer: Buffer, value: number, at: number): number {
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
  while (zigzag >= 128) {
    buffer[at++] = (zigzag % 128) | 0x80;
    zigzag = Math.floor(zigzag / 128);
  }
  buffer[at++] = zigzag;
  return at;
}

/** Encodes headers the way a record holds them: (name length, name, value length, value) each. */
export function encodeHeaders(headers: Array<[string, Buffer | string | null]>): Buffer {
  const parts = headers.map(
    ([name, value]) => [Buffer.from(name, "utf8"), value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value, "utf8")] as const,
  );
  let size = 0;
  for (const [name, value] of parts) size += varintSize(name.length) + name.length + varintSize(value?.length ?? -1) + (value?.length ?? 0);
  const buffer = Buffer.allocUnsafe(size);
  let at = 0;
  for (const [name, value] of parts) {
    at = writeVarint(buffer, name.length, at);
    at += name.copy(buffer, at);
    at = writeVarint(buffer, value?.length ?? -1, at);
    if (value) at += value.copy(buffer, at);
  }
  return buffer;
}

export interface OutgoingRecord {
  key: Buffer | null;
  value: Buffer | null;
  timestamp: number;
  /** The record's own header entries, already encoded (see encodeHeaders), written as they are. */
  headers: Buffer | null;
  headerCount: number;
  /** The value of the builder's trailing header for this record (see BatchBuilder's options). */
  trailer?: string;
}

export interface BatchProducer {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  transactional: boolean;
}

export interface BatchOptions {
  /** Header entries added to every record after its own (encoded once, shared). */
  append?: { entries: Buffer; count: number };
  /** A last header whose name is the same for every record and whose value each record brings. */
  trailerName?: Buffer;
  /** The batch's codec (default none); zstd needs prepareCodec first. A batch that would grow is written plainly. */
  compression?: CompressionCodec;
}

/**
 * Collects records for one partition and writes them as one record batch. Records are
 * kept as references to their bytes until written; a batch is written straight into the
 * request that carries it (see `writeTo`), so each byte is copied once.
 */
export class BatchBuilder {
  private readonly records: OutgoingRecord[] = [];
  private minTimestamp = Number.POSITIVE_INFINITY;
  private maxTimestamp = Number.NEGATIVE_INFINITY;
  /** Bytes the batch will take at most, header included. */
  size = batchHeaderSize;

  constructor(private readonly options: BatchOptions = {}) {}

  get count(): number {
    return this.records.length;
  }

  private headerBytes(record: OutgoingRecord): { count: number; bytes: number; trailerLength: number } {
    const { append, trailerName } = this.options;
    let count = record.headerCount + (append?.count ?? 0);
    let bytes = (record.headers?.length ?? 0) + (append?.entries.length ?? 0);
    let trailerLength = 0;
    if (trailerName && record.trailer !== undefined) {
      trailerLength = Buffer.byteLength(record.trailer, "utf8");
      count++;
      bytes += varintSize(trailerName.length) + trailerName.length + varintSize(trailerLength) + trailerLength;
    }
    return { count, bytes, trailerLength };
  }

  /** Bytes `record` adds to this batch (at most: its timestamp delta is reserved at full width). */
  recordSize(record: OutgoingRecord): number {
    const keyLength = record.key?.length ?? -1;
    const valueLength = record.value?.length ?? -1;
    const headers = this.headerBytes(record);
    const body =
      1 +
      10 +
      varintSize(this.records.length) +
      varintSize(keyLength) +
      Math.max(0, keyLength) +
      varintSize(valueLength) +
      Math.max(0, valueLength) +
      varintSize(headers.count) +
      headers.bytes;
    return varintSize(body) + body;
  }

  add(record: OutgoingRecord, size = this.recordSize(record)): void {
    if (record.timestamp < this.minTimestamp) this.minTimestamp = record.timestamp;
    if (record.timestamp > this.maxTimestamp) this.maxTimestamp = record.timestamp;
    this.records.push(record);
    this.size += size;
  }

  /** The batch as a buffer of its own (tests; requests use writeTo). */
  build(producer: BatchProducer): Buffer {
    const buffer = Buffer.allocUnsafe(this.size);
    return buffer.subarray(0, this.writeTo(buffer, 0, producer));
  }

  /** Writes the batch at `start` of `buffer` (which has `size` bytes free there), CRC included; answers its length. */
  writeTo(buffer: Buffer, start: number, producer: BatchProducer): number {
    const base = this.minTimestamp;
    const { append, trailerName } = this.options;
    let at = start + batchHeaderSize;
    for (let i = 0; i < this.records.length; i++) {
      const record = this.records[i]!;
      const keyLength = record.key?.length ?? -1;
      const valueLength = record.value?.length ?? -1;
      const headers = this.headerBytes(record);
      const delta = record.timestamp - base;
      const body =
        1 +
        varintSize(delta) +
        varintSize(i) +
        varintSize(keyLength) +
        Math.max(0, keyLength) +
        varintSize(valueLength) +
        Math.max(0, valueLength) +
        varintSize(headers.count) +
        headers.bytes;
      at = writeVarint(buffer, body, at);
      buffer[at++] = 0; // attributes
      at = writeVarint(buffer, delta, at);
      at = writeVarint(buffer, i, at);
      at = writeVarint(buffer, keyLength, at);
      if (record.key) at += record.key.copy(buffer, at);
      at = writeVarint(buffer, valueLength, at);
      if (record.value) at += record.value.copy(buffer, at);
      at = writeVarint(buffer, headers.count, at);
      if (record.headers) at += record.headers.copy(buffer, at);
      if (append) at += append.entries.copy(buffer, at);
      if (trailerName && record.trailer !== undefined) {
        at = writeVarint(buffer, trailerName.length, at);
        at += trailerName.copy(buffer, at);
        at = writeVarint(buffer, headers.trailerLength, at);
        at += buffer.write(record.trailer, at, "utf8");
      }
    }
    let codec = 0;
    const compression = this.options.compression ?? "none";
    if (compression !== "none") {
      const records = start + batchHeaderSize;
      const packed = compressSync(compression, buffer.subarray(records, at));
      if (packed.length < at - records) {
        at = records + packed.copy(buffer, records);
        codec = codecId(compression);
      }
    }
    const length = at - start;
    buffer.writeBigInt64BE(0n, start); // base offset
    buffer.writeInt32BE(length - 12, start + 8); // batch length: everything after this field
    buffer.writeInt32BE(-1, start + 12); // partition leader epoch
    buffer.writeInt8(2, start + 16); // magic
    buffer.writeInt16BE((producer.transactional ? attributesTransactional : 0) | codec, start + 21);
    buffer.writeInt32BE(this.records.length - 1, start + 23); // last offset delta
    buffer.writeBigInt64BE(BigInt(base), start + 27);
    buffer.writeBigInt64BE(BigInt(this.maxTimestamp), start + 35);
    buffer.writeBigInt64BE(producer.producerId, start + 43);
    buffer.writeInt16BE(producer.producerEpoch, start + 51);
    buffer.writeInt32BE(producer.baseSequence, start + 53);
    buffer.writeInt32BE(this.records.length, start + 57);
    buffer.writeUInt32BE(crc32c(buffer.subarray(start + 21, at)) >>> 0, start + 17);
    return length;
  }
}
