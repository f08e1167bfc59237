import * as zlib from "node:zlib";
import { compress as zstdWasmCompress, init as zstdWasmInit } from "@bokuweb/zstd-wasm";
import { decompress as fzstdDecompress } from "fzstd";
import { compressFrameSync as lz4Compress, decompressFrameSync as lz4Decompress } from "lz4-napi";
import { compressSync as snappyCompress, uncompressSync as snappyUncompress } from "snappy";
import { compressionCodecs, type CompressionCodec } from "@/lib/schemas/kafka-messages";

/*
 * Kafka's record-batch codecs (attribute bits 0–2), read and written in process: gzip by Node's
 * zlib, snappy and lz4 by napi-rs bindings whose prebuilt binaries ship inside their npm
 * packages, zstd by Node's zlib where it has it (22.15+) and otherwise by fzstd (reading) and
 * zstd's own C code compiled to WebAssembly (writing).
 */

export const codecName = (id: number): string => compressionCodecs[id] ?? `codec ${id}`;
export const codecId = (codec: CompressionCodec): number => compressionCodecs.indexOf(codec);

type ZlibZstd = { zstdDecompressSync?: (b: Buffer) => Buffer; zstdCompressSync?: (b: Buffer) => Buffer };
const nodeZstd = zlib as unknown as ZlibZstd;

/** Java's snappy framing (xerial SnappyOutputStream): a magic header, then length-prefixed snappy blocks. */
const xerialMagic = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const xerialBlock = 32 * 1024;

function snappyRead(bytes: Buffer): Buffer {
  if (bytes.length < 16 || !bytes.subarray(0, 8).equals(xerialMagic)) return snappyUncompress(bytes, { asBuffer: true }) as Buffer;
  const blocks: Buffer[] = [];
  for (let at = 16; at < bytes.length;) {
    if (at + 4 > bytes.length) throw new Error("a snappy block's length is cut short");
    const length = bytes.readInt32BE(at);
    if (length < 0 || at + 4 + length > bytes.length) throw new Error("a snappy block is cut short");
    blocks.push(snappyUncompress(bytes.subarray(at + 4, at + 4 + length), { asBuffer: true }) as Buffer);
    at += 4 + length;
  }
  return Buffer.concat(blocks);
}

function snappyWrite(bytes: Buffer): Buffer {
  const parts: Buffer[] = [xerialMagic, Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])];
  for (let at = 0; at < bytes.length; at += xerialBlock) {
    const block = snappyCompress(bytes.subarray(at, at + xerialBlock));
    const length = Buffer.alloc(4);
    length.writeInt32BE(block.length);
    parts.push(length, block);
  }
  return Buffer.concat(parts);
}

/** The records of a batch compressed with codec `id`; throws when the codec is unknown or the bytes are not valid for it. */
export function decompress(id: number, bytes: Buffer): Buffer {
  switch (id) {
    case 0:
      return bytes;
    case 1:
      return zlib.gunzipSync(bytes);
    case 2:
      return snappyRead(bytes);
    case 3:
      return lz4Decompress(bytes);
    case 4:
      if (nodeZstd.zstdDecompressSync) return nodeZstd.zstdDecompressSync(bytes);
      return Buffer.from(fzstdDecompress(bytes));
    default:
      throw new Error(`${codecName(id)} is not a Kafka compression codec`);
  }
}

let zstdWasm: Promise<void> | undefined;
let zstdWasmReady = false;

/** Loads what compressing with `codec` needs (zstd's WebAssembly module where Node's zlib has no zstd); call before compressSync. */
export async function prepareCodec(codec: CompressionCodec): Promise<void> {
  if (codec !== "zstd" || nodeZstd.zstdCompressSync || zstdWasmReady) return;
  await (zstdWasm ??= zstdWasmInit());
  zstdWasmReady = true;
}

/** `bytes` compressed with `codec` as Kafka's producers write it (snappy in Java's framing, lz4 as an LZ4 frame); zstd needs prepareCodec first. */
export function compressSync(codec: CompressionCodec, bytes: Buffer): Buffer {
  switch (codec) {
    case "none":
      return bytes;
    case "gzip":
      return zlib.gzipSync(bytes);
    case "snappy":
      return snappyWrite(bytes);
    case "lz4":
      return lz4Compress(bytes);
    case "zstd":
      if (nodeZstd.zstdCompressSync) return nodeZstd.zstdCompressSync(bytes);
      if (!zstdWasmReady) throw new Error('zstd compression is not loaded: await prepareCodec("zstd") first');
      return Buffer.from(zstdWasmCompress(bytes, 3));
  }
}

/** compressSync, loading what the codec needs first. */
export async function compress(codec: CompressionCodec, bytes: Buffer): Promise<Buffer> {
  await prepareCodec(codec);
  return compressSync(codec, bytes);
}
