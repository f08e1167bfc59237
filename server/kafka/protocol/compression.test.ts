import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { compressionCodecs } from "@/lib/schemas/kafka-messages";
import { codecId, compress, decompress } from "./compression";

const sample = Buffer.from(Array.from({ length: 2_000 }, (_, i) => `{"order":${i},"status":"approved"}`).join("\n"));

describe("Kafka's compression codecs", () => {
  it.each(compressionCodecs)("%s: what we compress comes back whole", async (codec) => {
    const packed = await compress(codec, sample);
    if (codec !== "none") expect(packed.length).toBeLessThan(sample.length);
    expect(decompress(codecId(codec), packed).equals(sample)).toBe(true);
  });

  it("reads snappy both raw (librdkafka) and in Java's xerial framing", async () => {
    const framed = await compress("snappy", sample);
    expect(framed.subarray(0, 8).toString("latin1")).toBe("\x82SNAPPY\x00");
    // A raw block, as librdkafka writes it: no header.
    const { compressSync } = await import("snappy");
    expect(decompress(2, compressSync(sample)).equals(sample)).toBe(true);
  });

  // Frames from the reference command-line tools (`npm run stack -- install --browser` installs
  // them), not from the libraries we read them with.
  it.each([
    ["zstd", 4, ["zstd", "-q", "-c"]],
    ["lz4", 3, ["lz4", "-q", "-c"]],
    ["gzip", 1, ["gzip", "-c"]],
  ] as const)("reads a %s frame written by its reference command", (_tool, id, command) => {
    const packed = execFileSync(command[0], command.slice(1), { input: sample });
    expect(decompress(id, packed).equals(sample)).toBe(true);
  });

  it("refuses bytes that are not valid for their codec, and an unknown codec", () => {
    const junk = Buffer.from("not compressed at all, just text");
    for (const id of [1, 2, 3, 4]) expect(() => decompress(id, junk)).toThrow();
    expect(() => decompress(5, junk)).toThrow(/codec 5 is not a Kafka compression codec/);
  });
});
