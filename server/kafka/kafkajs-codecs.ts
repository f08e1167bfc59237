import kafkajs from "kafkajs";
import type { CompressionTypes as CompressionType } from "kafkajs";
import type { CompressionCodec } from "@/lib/schemas/kafka-messages";
import { codecId, compress, decompress } from "./protocol/compression";

/** kafkajs's codec shape: it hands `compress` an encoder holding the records' bytes. */
// kafkajs is CommonJS whose codec table Node's ESM loader does not see as a named export: take it from the default.
const { CompressionCodecs, CompressionTypes } = kafkajs;

const codec = (name: CompressionCodec) => () => ({
  compress: (encoder: { buffer: Buffer }) => compress(name, encoder.buffer),
  decompress: async (buffer: Buffer) => decompress(codecId(name), buffer),
});

let registered = false;

/** Teaches kafkajs (gzip only by itself) snappy, lz4 and zstd with the console's own codecs; once per process. */
export function registerKafkajsCodecs(): void {
  if (registered) return;
  registered = true;
  CompressionCodecs[CompressionTypes.Snappy] = codec("snappy");
  CompressionCodecs[CompressionTypes.LZ4] = codec("lz4");
  CompressionCodecs[CompressionTypes.ZSTD] = codec("zstd");
}

/** The kafkajs constant of a codec name. */
export const kafkajsCompression: Record<CompressionCodec, CompressionType> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};
