import "server-only";
import * as zlib from "node:zlib";
import { AppError } from "../../http/errors";

/*
 * Record batches (magic 2), read by hand from a Fetch answer's bytes (see ./fetch): a batch's
 * header without touching its records, then one record at a time in place. Offsets and
 * timestamps are JavaScript numbers: exact up to 2^53, far beyond any real log.
 */

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

/** The records of a batch compressed with `codec` (attribute bits 0–2): every codec the console reads is added here. */
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
