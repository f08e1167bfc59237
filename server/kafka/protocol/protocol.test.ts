import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Reader, Writer } from "./codec";
import { decodeDescribeLogDirsV1 } from "./describe-log-dirs";
import { decodeFetchResponse, encodeFetchRequest } from "./fetch";
import { decodeProduceResponse, encodeProduce } from "./produce";
import { BatchBuilder } from "./record-batch-writer";
import { sendRawRequest } from "./send";

// kafkajs's own encoder, decoder and Fetch v11 request: an independent check of the hand-written codecs.
const require = createRequire(import.meta.url);
interface KafkaEncoder {
  writeInt8(v: number): KafkaEncoder;
  writeInt16(v: number): KafkaEncoder;
  writeInt32(v: number): KafkaEncoder;
  writeInt64(v: number | string): KafkaEncoder;
  writeString(v: string | null): KafkaEncoder;
  writeBytes(v: Buffer | null): KafkaEncoder;
  buffer: Buffer;
}
interface KafkaDecoder {
  readInt16(): number;
  readInt32(): number;
  readString(): string;
  readBytes(): Buffer;
}
const Encoder = require("kafkajs/src/protocol/encoder.js") as new () => KafkaEncoder;
const Decoder = require("kafkajs/src/protocol/decoder.js") as new (buffer: Buffer) => KafkaDecoder;
const fetchV11 = require("kafkajs/src/protocol/requests/fetch/v11/request.js") as (request: object) => { encode(): Promise<{ buffer: Buffer }> };

describe("Writer and Reader", () => {
  it("round-trip every type, growing past the capacity they were given", () => {
    const body = new Writer(4)
      .int8(-3)
      .int16(-2)
      .int32(70_000)
      .int64(2 ** 40)
      .string("topïc")
      .array([1, 2], (n) => void n)
      .bytesInPlace(3, (buffer, at) => buffer.write("abc", at))
      .done();
    const read = new Reader(body);
    expect([read.int8(), read.int16(), read.int32(), read.int64(), read.string(), read.array(() => 0), read.bytes()?.toString()]).toEqual([
      -3,
      -2,
      70_000,
      2 ** 40,
      "topïc",
      [0, 0],
      "abc",
    ]);
  });

  it("read a null string as empty, null bytes as null and a null array as empty", () => {
    const read = new Reader(new Encoder().writeString(null).writeBytes(null).writeInt32(-1).buffer);
    expect([read.string(), read.bytes(), read.array(() => 1)]).toEqual(["", null, []]);
  });
});

describe("Fetch v11", () => {
  it("encodes the request byte for byte as kafkajs does", async () => {
    const partitions = [
      { partition: 0, fetchOffset: 17, maxBytes: 1024 },
      { partition: 5, fetchOffset: 2 ** 40, maxBytes: 1 },
    ];
    for (const isolation of ["read_uncommitted", "read_committed"] as const) {
      const ours = encodeFetchRequest("ordërs", partitions, 4096, isolation);
      const theirs = await fetchV11({
        replicaId: -1,
        maxWaitTime: 0,
        minBytes: 1,
        maxBytes: 4096,
        isolationLevel: isolation === "read_committed" ? 1 : 0,
        topics: [{ topic: "ordërs", partitions }],
      }).encode();
      expect(ours.equals(theirs.buffer)).toBe(true);
    }
  });

  it("decodes partitions, aborted transactions and record bytes", () => {
    const response = new Encoder().writeInt32(0).writeInt16(0).writeInt32(0).writeInt32(1).writeString("orders").writeInt32(2);
    response.writeInt32(3).writeInt16(0).writeInt64(120).writeInt64(110).writeInt64(0);
    response.writeInt32(1).writeInt64("9007199254740993").writeInt64(100).writeInt32(-1).writeBytes(Buffer.from("batch"));
    response.writeInt32(4).writeInt16(1).writeInt64(-1).writeInt64(-1).writeInt64(-1).writeInt32(-1).writeInt32(-1).writeBytes(null);
    expect(decodeFetchResponse(response.buffer)).toEqual([
      {
        partition: 3,
        errorCode: 0,
        highWatermark: 120,
        lastStableOffset: 110,
        abortedTransactions: [{ producerId: 9007199254740993n, firstOffset: 100 }],
        records: Buffer.from("batch"),
      },
      { partition: 4, errorCode: 1, highWatermark: -1, lastStableOffset: -1, abortedTransactions: [], records: null },
    ]);
  });

  it("fails on a request-level error with kafkajs's name for it", () => {
    const response = new Encoder().writeInt32(0).writeInt16(100).writeInt32(0).writeInt32(0);
    expect(() => decodeFetchResponse(response.buffer)).toThrow(expect.objectContaining({ type: "UNKNOWN_TOPIC_ID" }));
  });
});

describe("Produce v7", () => {
  it("writes each partition's batch in place after the request's fields", () => {
    const batches = [3, 1].map((partition) => {
      const builder = new BatchBuilder();
      builder.add({ key: null, value: Buffer.from(`v${partition}`), timestamp: 1_000 + partition, headers: null, headerCount: 0 });
      return { partition, builder, producer: { producerId: 7n, producerEpoch: 2, baseSequence: partition, transactional: true } };
    });
    const read = new Decoder(encodeProduce("rp-ü", "target", batches, 30_000));
    expect([read.readString(), read.readInt16(), read.readInt32(), read.readInt32(), read.readString(), read.readInt32()]).toEqual([
      "rp-ü",
      -1,
      30_000,
      1,
      "target",
      2,
    ]);
    for (const { partition, builder, producer } of batches) {
      expect(read.readInt32()).toBe(partition);
      expect(read.readBytes().equals(builder.build(producer))).toBe(true);
    }
  });

  it("decodes each partition's error code", () => {
    const response = new Encoder().writeInt32(1).writeString("target").writeInt32(2);
    // partition, error code, base offset, log append time, log start offset (v5 on)
    response.writeInt32(0).writeInt16(0).writeInt64(10).writeInt64(-1).writeInt64(0);
    response.writeInt32(1).writeInt16(90).writeInt64(-1).writeInt64(-1).writeInt64(-1);
    response.writeInt32(0); // throttle time
    expect(decodeProduceResponse(response.buffer)).toEqual([
      { partition: 0, errorCode: 0 },
      { partition: 1, errorCode: 90 },
    ]);
  });
});

describe("DescribeLogDirs v1", () => {
  it("sums topic sizes per directory, leaving future replicas out, largest topic first", () => {
    const response = new Encoder().writeInt32(0).writeInt32(2);
    response.writeInt16(0).writeString("/data/a").writeInt32(2);
    response.writeString("small").writeInt32(1).writeInt32(0).writeInt64(5).writeInt64(0).writeInt8(0);
    response.writeString("big").writeInt32(2).writeInt32(0).writeInt64(100).writeInt64(0).writeInt8(0).writeInt32(1).writeInt64(900).writeInt64(3).writeInt8(1);
    response.writeInt16(56).writeString("/data/b").writeInt32(0);
    expect(decodeDescribeLogDirsV1(response.buffer)).toEqual([
      {
        path: "/data/a",
        error: null,
        bytes: 105,
        topics: [
          { topic: "big", bytes: 100, partitions: 2 },
          { topic: "small", bytes: 5, partitions: 1 },
        ],
      },
      { path: "/data/b", error: "KAFKA_STORAGE_ERROR", bytes: 0, topics: [] },
    ]);
  });
});

describe("sendRawRequest", () => {
  type Sent = { request: { apiKey: number; apiVersion: number; apiName: string; encode(): Promise<{ buffer: Buffer }> }; response: ProtocolResponse };
  type ProtocolResponse = { decode(b: Buffer): Promise<unknown>; parse(b: unknown): Promise<Buffer> };
  const Broker = require("kafkajs/src/broker/index.js") as new (options: object) => object;

  it("sends the body through kafkajs's own Broker and answers the response body undecoded", async () => {
    const sent: Sent[] = [];
    // kafkajs's Broker, on a stand-in for its connection pool (which adds the header and owns the socket).
    const connectionPool = {
      connectionTimeout: 1000,
      async send(request: Sent) {
        sent.push(request);
        return request.response.parse(await request.response.decode(Buffer.from("answer")));
      },
    };
    const broker = new Broker({ connectionPool, logger: { namespace: () => ({}) } });
    const answer = await sendRawRequest(broker, { apiKey: 35, apiVersion: 1, apiName: "DescribeLogDirs", body: Buffer.from([1, 2]) });
    expect(answer.toString()).toBe("answer");
    expect(sent.map(({ request: { apiKey, apiVersion, apiName } }) => ({ apiKey, apiVersion, apiName }))).toEqual([
      { apiKey: 35, apiVersion: 1, apiName: "DescribeLogDirs" },
    ]);
    expect((await sent[0]!.request.encode()).buffer).toEqual(Buffer.from([1, 2]));
  });

  it("fails clearly when the broker has no kafkajs request sender", async () => {
    await expect(sendRawRequest({}, { apiKey: 1, apiVersion: 11, apiName: "Fetch", body: Buffer.alloc(0) })).rejects.toThrow(/kafkajs no longer exposes/);
  });
});
