import "server-only";

/*
 * Kafka's fixed-width, big-endian wire types (the classic, non-flexible request versions the
 * console sends by hand), written and read in order so that a request's code names only its
 * fields. Integers of 64 bits are read as JavaScript numbers (exact up to 2^53, far beyond any
 * real offset or timestamp) unless a bigint is asked for.
 */

/** Writes one request body into a single buffer, grown only if `capacity` was too small. */
export class Writer {
  private buffer: Buffer;
  private at = 0;

  /** `capacity`: the body's expected size, so a large body (Produce) is allocated once and never copied. */
  constructor(capacity = 256) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  private ensure(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  int8(value: number): this {
    this.ensure(1);
    this.at = this.buffer.writeInt8(value, this.at);
    return this;
  }

  int16(value: number): this {
    this.ensure(2);
    this.at = this.buffer.writeInt16BE(value, this.at);
    return this;
  }

  int32(value: number): this {
    this.ensure(4);
    this.at = this.buffer.writeInt32BE(value, this.at);
    return this;
  }

  int64(value: number | bigint): this {
    this.ensure(8);
    this.at = this.buffer.writeBigInt64BE(BigInt(value), this.at);
    return this;
  }

  /** STRING: an int16 byte length, then UTF-8. */
  string(value: string): this {
    const length = Buffer.byteLength(value, "utf8");
    this.int16(length);
    this.ensure(length);
    this.at += this.buffer.write(value, this.at, "utf8");
    return this;
  }

  /** ARRAY: an int32 count, then each item as `item` writes it. */
  array<T>(items: readonly T[], item: (value: T) => void): this {
    this.int32(items.length);
    for (const value of items) item(value);
    return this;
  }

  /**
   * BYTES written in place by `write` (at most `maxBytes` of them at the position it is given; it
   * answers how many it wrote), preceded by their int32 length. Record batches use this so
   * their bytes are written straight into the request.
   */
  bytesInPlace(maxBytes: number, write: (buffer: Buffer, at: number) => number): this {
    this.ensure(4 + maxBytes);
    const length = write(this.buffer, this.at + 4);
    this.buffer.writeInt32BE(length, this.at);
    this.at += 4 + length;
    return this;
  }

  /** The body written so far (a view of the writer's buffer, not a copy). */
  done(): Buffer {
    return this.buffer.subarray(0, this.at);
  }
}

/** Reads one response body in order; reading past its end throws (Node's RangeError). */
export class Reader {
  private at = 0;

  constructor(private readonly buffer: Buffer) {}

  int8(): number {
    return this.buffer.readInt8((this.at += 1) - 1);
  }

  int16(): number {
    return this.buffer.readInt16BE((this.at += 2) - 2);
  }

  int32(): number {
    return this.buffer.readInt32BE((this.at += 4) - 4);
  }

  int64(): number {
    return Number(this.bigint64());
  }

  bigint64(): bigint {
    return this.buffer.readBigInt64BE((this.at += 8) - 8);
  }

  /** STRING or NULLABLE_STRING; null is read as "". */
  string(): string {
    const length = this.int16();
    if (length < 0) return "";
    const value = this.buffer.toString("utf8", this.at, this.at + length);
    this.at += length;
    return value;
  }

  /** NULLABLE_BYTES as a view of the body (no copy); cut short, not failed, when the body ends first. */
  bytes(): Buffer | null {
    const length = this.int32();
    if (length < 0) return null;
    const value = this.buffer.subarray(this.at, this.at + length);
    this.at += length;
    return value;
  }

  /** ARRAY: an int32 count (null, -1, is empty), then `item` read that many times. */
  array<T>(item: () => T): T[] {
    return Array.from({ length: Math.max(0, this.int32()) }, () => item());
  }

  /** Passes over `bytes` bytes of fields the caller does not use. */
  skip(bytes: number): void {
    this.at += bytes;
  }
}
