/**
 * The Confluent framing of a key or value written through a Schema Registry: a zero byte, the
 * schema id as a big-endian 32-bit number, for Protobuf the message indexes, then the payload.
 */
export interface Framing {
  schemaId: number;
  /** Where the bytes after the schema id start. */
  rest: Buffer;
}

export function readFraming(bytes: Buffer | null): Framing | undefined {
  if (!bytes || bytes.length < 5 || bytes[0] !== 0) return undefined;
  return { schemaId: bytes.readUInt32BE(1), rest: bytes.subarray(5) };
}

function readZigZag(bytes: Buffer, at: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (at >= bytes.length) throw new Error("the message indexes end early");
    const byte = bytes[at++]!;
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
    if (shift > 28) throw new Error("a message index is too long");
  }
  return [(result >>> 1) ^ -(result & 1), at];
}

function writeZigZag(value: number, out: number[]): void {
  let n = ((value << 1) ^ (value >> 31)) >>> 0;
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
}

/** Protobuf's message indexes: a count, then the path of indexes; a count of 0 stands for [0]. */
export function readMessageIndexes(rest: Buffer): { indexes: number[]; payload: Buffer } {
  const [count, start] = readZigZag(rest, 0);
  let at = start;
  if (count < 0 || count > 100) throw new Error(`the message indexes hold a count of ${count}`);
  if (count === 0) return { indexes: [0], payload: rest.subarray(at) };
  const indexes: number[] = [];
  for (let i = 0; i < count; i++) {
    let index: number;
    [index, at] = readZigZag(rest, at);
    indexes.push(index);
  }
  return { indexes, payload: rest.subarray(at) };
}

/** The framed bytes of a payload (with Protobuf's indexes when given; [0] as the single byte 0). */
export function writeFraming(schemaId: number, payload: Buffer, indexes?: number[]): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(schemaId, 1);
  if (!indexes) return Buffer.concat([header, payload]);
  const out: number[] = [];
  if (indexes.length === 1 && indexes[0] === 0) out.push(0);
  else {
    writeZigZag(indexes.length, out);
    for (const index of indexes) writeZigZag(index, out);
  }
  return Buffer.concat([header, Buffer.from(out), payload]);
}
