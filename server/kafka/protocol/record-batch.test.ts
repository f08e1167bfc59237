import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { RecordView, recordBatches } from "./record-batch-reader";
import { prepareCodec } from "./compression";
import { BatchBuilder, encodeHeaders } from "./record-batch-writer";

// kafkajs's own CRC-32C (plain JavaScript): an independent check of the native one.
const crc32C = createRequire(import.meta.url)("kafkajs/src/protocol/recordBatch/crc32C/index.js") as (buffer: Buffer) => number;

function decodeAll(batch: Buffer) {
  const view = new RecordView();
  const out: Array<{ offset: number; timestamp: number; key: string | null; value: string | null; headers: Array<[string, string | null]> }> = [];
  for (const b of recordBatches(batch, 0)) {
    let at = 0;
    for (let i = 0; i < b.recordCount; i++) {
      at = view.read(b, at);
      out.push({
        offset: view.offset,
        timestamp: view.timestamp,
        key: view.key()?.toString() ?? null,
        value: view.value()?.toString() ?? null,
        headers: view.headers().map(([name, value]) => [name, value?.toString() ?? null]),
      });
    }
  }
  return out;
}

describe("BatchBuilder", () => {
  it("writes a batch our reader and kafkajs's CRC agree on, keeping keys, values, headers and timestamps", () => {
    const builder = new BatchBuilder();
    const base = 1_790_000_000_000;
    builder.add({ key: Buffer.from("k1"), value: Buffer.from("v1"), timestamp: base + 5_000_000_000, headers: encodeHeaders([["a", "1"]]), headerCount: 1 });
    builder.add({ key: null, value: Buffer.from("x".repeat(300)), timestamp: base, headers: null, headerCount: 0 });
    builder.add({
      key: Buffer.from("k3"),
      value: null,
      timestamp: base - 1,
      headers: encodeHeaders([
        ["b", null],
        ["c", "z"],
        ["x-replay-job", "rp-1"],
      ]),
      headerCount: 3,
    });
    const batch = builder.build({ producerId: 42n, producerEpoch: 3, baseSequence: 7, transactional: true });

    expect(batch.readInt32BE(8)).toBe(batch.length - 12);
    expect(batch.readUInt32BE(17)).toBe(crc32C(batch.subarray(21)) >>> 0);
    expect(batch.readBigInt64BE(43)).toBe(42n);
    expect(batch.readInt16BE(51)).toBe(3);
    expect(batch.readInt32BE(53)).toBe(7);
    expect(batch.readInt16BE(21) & 0x10).toBe(0x10);
    const [header] = [...recordBatches(batch, 0)];
    expect(header!.isTransactional).toBe(true);
    expect(header!.producerId).toBe(42n);

    expect(decodeAll(batch)).toEqual([
      { offset: 0, timestamp: base + 5_000_000_000, key: "k1", value: "v1", headers: [["a", "1"]] },
      { offset: 1, timestamp: base, key: null, value: "x".repeat(300), headers: [] },
      {
        offset: 2,
        timestamp: base - 1,
        key: "k3",
        value: null,
        headers: [
          ["b", null],
          ["c", "z"],
          ["x-replay-job", "rp-1"],
        ],
      },
    ]);
  });

  it.each(["gzip", "snappy", "lz4", "zstd"] as const)("writes a %s-compressed batch that reads back whole, with the codec in its attributes", async (codec) => {
    await prepareCodec(codec);
    const builder = new BatchBuilder({ compression: codec });
    const base = 1_790_000_000_000;
    const values = Array.from({ length: 50 }, (_, i) => `{"order":${i},"status":"approved","items":[{"sku":"SKU-${i % 3}"}]}`);
    values.forEach((value, i) => builder.add({ key: Buffer.from(`k${i}`), value: Buffer.from(value), timestamp: base + i, headers: null, headerCount: 0 }));
    const batch = builder.build({ producerId: 1n, producerEpoch: 0, baseSequence: 0, transactional: false });
    expect(batch.readInt16BE(21) & 0x07).toBe(["none", "gzip", "snappy", "lz4", "zstd"].indexOf(codec));
    expect(batch.readUInt32BE(17)).toBe(crc32C(batch.subarray(21)) >>> 0);
    expect(batch.length).toBeLessThan(values.join("").length);
    expect(decodeAll(batch).map((r) => r.value)).toEqual(values);
  });

  it("writes a batch that would grow by compressing it plainly", () => {
    const builder = new BatchBuilder({ compression: "lz4" });
    builder.add({ key: null, value: Buffer.from([7]), timestamp: 1, headers: null, headerCount: 0 });
    const batch = builder.build({ producerId: 1n, producerEpoch: 0, baseSequence: 0, transactional: false });
    expect(batch.readInt16BE(21) & 0x07).toBe(0);
    expect(decodeAll(batch).map((r) => r.value)).toEqual(["\u0007"]);
  });

  it("tells a batch that does not decompress, with its offsets, and goes on to the next; without a listener it is an error naming where", () => {
    const build = (baseOffset: number, value: string) => {
      const builder = new BatchBuilder();
      builder.add({ key: null, value: Buffer.from(value), timestamp: 1, headers: null, headerCount: 0 });
      const batch = builder.build({ producerId: 1n, producerEpoch: 0, baseSequence: 0, transactional: false });
      batch.writeBigInt64BE(BigInt(baseOffset), 0);
      return batch;
    };
    const corrupt = build(5, "these bytes are not an LZ4 frame");
    corrupt.writeInt16BE(3, 21); // says lz4
    const bytes = Buffer.concat([corrupt, build(6, "fine")]);
    const told: unknown[] = [];
    const read = [...recordBatches(bytes, 2, (batch) => told.push(batch))];
    expect(told).toEqual([
      {
        partition: 2,
        baseOffset: 5,
        lastOffset: 5,
        codec: "lz4",
        reason: expect.stringMatching(/Partition 2, the lz4 batch at offset 5 cannot be decompressed/),
      },
    ]);
    expect(read.map((b) => b.baseOffset)).toEqual([6]);
    expect(() => [...recordBatches(bytes, 2)]).toThrow(
      expect.objectContaining({ code: "RECORDS_UNREADABLE", details: { partition: 2, offset: 5, codec: "lz4" } }),
    );
  });

  it("appends the shared headers and each record's trailing header after the record's own", () => {
    const builder = new BatchBuilder({ append: { entries: encodeHeaders([["x-replay-job", "rp-9"]]), count: 1 }, trailerName: Buffer.from("x-replay-source") });
    builder.add({ key: null, value: Buffer.from("a"), timestamp: 5, headers: encodeHeaders([["traceId", "t1"]]), headerCount: 1, trailer: "orders/3/17" });
    builder.add({ key: null, value: Buffer.from("b"), timestamp: 6, headers: null, headerCount: 0, trailer: "orders/3/18ü" });
    const batch = builder.build({ producerId: 1n, producerEpoch: 0, baseSequence: 0, transactional: true });
    expect(batch.readUInt32BE(17)).toBe(crc32C(batch.subarray(21)) >>> 0);
    expect(decodeAll(batch).map((r) => r.headers)).toEqual([
      [
        ["traceId", "t1"],
        ["x-replay-job", "rp-9"],
        ["x-replay-source", "orders/3/17"],
      ],
      [
        ["x-replay-job", "rp-9"],
        ["x-replay-source", "orders/3/18ü"],
      ],
    ]);
  });

  it("never writes more than the size it announced", () => {
    const builder = new BatchBuilder();
    for (let i = 0; i < 500; i++)
      builder.add({ key: Buffer.from(`key-${i}`), value: Buffer.alloc(i * 3, 1), timestamp: 1_000 + i * 1_000_003, headers: null, headerCount: 0 });
    const batch = builder.build({ producerId: 1n, producerEpoch: 0, baseSequence: 0, transactional: false });
    expect(batch.length).toBeLessThanOrEqual(builder.size);
    expect(decodeAll(batch)).toHaveLength(500);
    expect(decodeAll(batch)[499]!.timestamp).toBe(1_000 + 499 * 1_000_003);
  });
});
