import kafkajs from "kafkajs";
import { compressFrameSync, decompressFrameSync } from "lz4-napi";

let registered = false;

/** kafkajs writes and reads only gzip by itself: lz4 (LZ4 frames, as Kafka's clients write them) from lz4-napi. */
export function registerLz4(): void {
  if (registered) return;
  registered = true;
  // kafkajs is CommonJS; Node's ESM loader does not see its codec table as a named export.
  kafkajs.CompressionCodecs[kafkajs.CompressionTypes.LZ4] = () => ({
    compress: async (encoder: { buffer: Buffer }) => compressFrameSync(encoder.buffer),
    decompress: async (buffer: Buffer) => decompressFrameSync(buffer),
  });
}
