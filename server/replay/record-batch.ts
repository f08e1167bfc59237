import "server-only";
import { crc32c } from "@node-rs/crc32";

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
  const parts = headers.map(([name, value]) => [Buffer.from(name, "utf8"), value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value, "utf8")] as const);
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
  /** Header entries already encoded (see encodeHeaders), written as they are. */
  headers: Buffer[];
  headerCount: number;
}

export interface BatchProducer {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  transactional: boolean;
}

/**
 * Collects records for one partition and writes them as one record batch. Records are
 * kept as references to their bytes until `build`, which allocates once.
 */
export class BatchBuilder {
  private readonly records: OutgoingRecord[] = [];
  private minTimestamp = Number.POSITIVE_INFINITY;
  private maxTimestamp = Number.NEGATIVE_INFINITY;
  /** Bytes the batch will take, header included. */
  size = batchHeaderSize;

  get count(): number {
    return this.records.length;
  }

  /** Bytes `record` adds to this batch (at most: its timestamp delta is reserved at full width). */
  recordSize(record: OutgoingRecord): number {
    const keyLength = record.key?.length ?? -1;
    const valueLength = record.value?.length ?? -1;
    let headerBytes = 0;
    for (const header of record.headers) headerBytes += header.length;
    const body =
      1 + 10 + varintSize(this.records.length) + varintSize(keyLength) + Math.max(0, keyLength) + varintSize(valueLength) + Math.max(0, valueLength) + varintSize(record.headerCount) + headerBytes;
    return varintSize(body) + body;
  }

  add(record: OutgoingRecord, size = this.recordSize(record)): void {
    if (record.timestamp < this.minTimestamp) this.minTimestamp = record.timestamp;
    if (record.timestamp > this.maxTimestamp) this.maxTimestamp = record.timestamp;
    this.records.push(record);
    this.size += size;
  }

  /** The batch's bytes, CRC included; base offset 0 (the broker assigns offsets). */
  build(producer: BatchProducer): Buffer {
    const base = this.minTimestamp;
    const buffer = Buffer.allocUnsafe(this.size);
    let at = batchHeaderSize;
    for (let i = 0; i < this.records.length; i++) {
      const record = this.records[i]!;
      const keyLength = record.key?.length ?? -1;
      const valueLength = record.value?.length ?? -1;
      let headerBytes = 0;
      for (const header of record.headers) headerBytes += header.length;
      const delta = record.timestamp - base;
      const body = 1 + varintSize(delta) + varintSize(i) + varintSize(keyLength) + Math.max(0, keyLength) + varintSize(valueLength) + Math.max(0, valueLength) + varintSize(record.headerCount) + headerBytes;
      at = writeVarint(buffer, body, at);
      buffer[at++] = 0; // attributes
      at = writeVarint(buffer, delta, at);
      at = writeVarint(buffer, i, at);
      at = writeVarint(buffer, keyLength, at);
      if (record.key) at += record.key.copy(buffer, at);
      at = writeVarint(buffer, valueLength, at);
      if (record.value) at += record.value.copy(buffer, at);
      at = writeVarint(buffer, record.headerCount, at);
      for (const header of record.headers) at += header.copy(buffer, at);
    }
    buffer.writeBigInt64BE(0n, 0); // base offset
    buffer.writeInt32BE(at - 12, 8); // batch length: everything after this field
    buffer.writeInt32BE(-1, 12); // partition leader epoch
    buffer.writeInt8(2, 16); // magic
    buffer.writeInt16BE(producer.transactional ? attributesTransactional : 0, 21);
    buffer.writeInt32BE(this.records.length - 1, 23); // last offset delta
    buffer.writeBigInt64BE(BigInt(base), 27);
    buffer.writeBigInt64BE(BigInt(this.maxTimestamp), 35);
    buffer.writeBigInt64BE(producer.producerId, 43);
    buffer.writeInt16BE(producer.producerEpoch, 51);
    buffer.writeInt32BE(producer.baseSequence, 53);
    buffer.writeInt32BE(this.records.length, 57);
    const batch = buffer.subarray(0, at);
    batch.writeUInt32BE(crc32c(batch.subarray(21)) >>> 0, 17);
    return batch;
  }
}
