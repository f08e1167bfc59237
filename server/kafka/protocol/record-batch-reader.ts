import "server-only";
import { AppError } from "../../http/errors";
import { codecName, decompress } from "./compression";

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

/** The records of a batch at `offset` compressed with `codec`; bytes that do not decompress are a RECORDS_UNREADABLE naming where. */
function decompressBatch(codec: number, bytes: Buffer, partition: number, offset: number): Buffer {
  try {
    return decompress(codec, bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("RECORDS_UNREADABLE", `Partition ${partition}, the ${codecName(codec)} batch at offset ${offset} cannot be decompressed: ${reason}`, {
      partition,
      offset,
      codec: codecName(codec),
    });
  }
}

/** A batch whose records cannot be read (they do not decompress), told to a scan that goes on past it. */
export interface UnreadableBatch {
  partition: number;
  baseOffset: number;
  lastOffset: number;
  codec: string;
  reason: string;
}

/**
 * The complete record batches in one partition's fetched bytes, decompressed; a batch cut short
 * at the end is left out. A batch that does not decompress is a RECORDS_UNREADABLE naming where,
 * or, with `onUnreadable`, told to it and passed over.
 */
export function* recordBatches(bytes: Buffer, partition: number, onUnreadable?: (batch: UnreadableBatch) => void): Generator<RecordBatch> {
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
    const lastOffset = baseOffset + bytes.readInt32BE(at + 23);
    let records: Buffer;
    try {
      records = codec === 0 ? raw : decompressBatch(codec, raw, partition, baseOffset);
    } catch (error) {
      if (!onUnreadable || !(error instanceof AppError)) throw error;
      onUnreadable({ partition, baseOffset, lastOffset, codec: codecName(codec), reason: error.message });
      at = end;
      continue;
    }
    yield {
      baseOffset,
      lastOffset,
      baseTimestamp: Number(bytes.readBigInt64BE(at + 27)),
      logAppendTime: attributes & 0x08 ? Number(bytes.readBigInt64BE(at + 35)) : null,
      isControl: (attributes & 0x20) !== 0,
      isTransactional: (attributes & 0x10) !== 0,
      producerId: bytes.readBigInt64BE(at + 43),
      recordCount: bytes.readInt32BE(at + 57),
      records,
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
