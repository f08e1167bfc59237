import { describe, expect, it } from "vitest";
import { compileSchema } from "./decoder";
import { readFraming, readMessageIndexes, writeFraming } from "./wire";

describe("the Confluent framing", () => {
  it("reads the schema id and Protobuf's message indexes, and writes them back byte for byte", () => {
    const payload = Buffer.from([8, 1]);
    const framed = writeFraming(0x01020304, payload, [1, 0, 2]);
    // Zero byte, id big-endian, count 3 and the indexes as zigzag varints, then the payload.
    expect(framed.toString("hex")).toBe("0001020304" + "06020004" + "0801");
    const framing = readFraming(framed)!;
    expect(framing.schemaId).toBe(0x01020304);
    expect(readMessageIndexes(framing.rest)).toEqual({ indexes: [1, 0, 2], payload });
    // The first message is written as the single byte 0 and read as [0].
    expect(writeFraming(7, payload, [0]).toString("hex")).toBe("0000000007000801");
    expect(readMessageIndexes(Buffer.from([0, 8, 1]))).toEqual({ indexes: [0], payload });
  });

  it("leaves bytes that are not framed alone", () => {
    expect(readFraming(Buffer.from("{}"))).toBeUndefined();
    expect(readFraming(Buffer.from([0, 0, 0]))).toBeUndefined();
    expect(readFraming(null)).toBeUndefined();
  });
});

describe("Avro", () => {
  const codec = compileSchema({
    schemaType: "AVRO",
    references: [],
    schema: JSON.stringify({
      type: "record",
      name: "T",
      namespace: "x",
      fields: [
        { name: "amount", type: { type: "bytes", logicalType: "decimal", precision: 10, scale: 3 } },
        { name: "at", type: { type: "long", logicalType: "timestamp-micros" } },
        { name: "big", type: "long" },
        { name: "choice", type: ["null", "string", "int"] },
        { name: "time", type: { type: "int", logicalType: "time-millis" } },
      ],
    }),
  });

  it("round-trips logical types exactly, longs beyond 2^53 as text, and names the union branch taken", () => {
    const value = { amount: "-12.345", at: "2024-05-01T12:00:00.123456Z", big: "9007199254740993", choice: { int: 5 }, time: "13:14:15.016" };
    const encoded = codec.encode(value);
    if (!("bytes" in encoded)) throw new Error(JSON.stringify(encoded.problems));
    expect(codec.decode(encoded.bytes)).toEqual({
      value: { ...value, choice: 5 },
      unions: [{ path: "choice", branch: "int" }],
    });
    expect(codec.name).toBe("x.T");
  });

  it("tells the fields that do not fit", () => {
    const encoded = codec.encode({ amount: "1.5", at: 0, big: 1, choice: null, time: true });
    expect(encoded).toMatchObject({ problems: [{ path: "time" }] });
  });
});

describe("Protobuf", () => {
  const codec = compileSchema({
    schemaType: "PROTOBUF",
    references: [],
    schema: `syntax = "proto3";
package shop;
import "google/protobuf/timestamp.proto";
message Ping { int32 n = 1; }
message Order {
  message Line { string sku = 1; int64 qty = 2; }
  enum Status { NEW = 0; PAID = 1; }
  repeated Line lines = 1;
  Status status = 2;
  google.protobuf.Timestamp at = 3;
  oneof pay { string card = 4; int32 voucher = 5; }
}`,
  });

  it("writes the message indexes of the message it encodes and reads the canonical JSON back", () => {
    const encoded = codec.encode({ lines: [{ sku: "a", qty: "3" }], status: "PAID", at: { seconds: 1714564800, nanos: 5_000_000 }, card: "c" }, "shop.Order");
    if (!("bytes" in encoded)) throw new Error(JSON.stringify(encoded.problems));
    expect(encoded.indexes).toEqual([1]);
    expect(codec.decode(encoded.bytes, encoded.indexes).value).toEqual({
      lines: [{ sku: "a", qty: "3" }],
      status: "PAID",
      at: "2024-05-01T12:00:00.005Z",
      card: "c",
    });
    const line = codec.encode({ sku: "b" }, "shop.Order.Line");
    expect("bytes" in line && line.indexes).toEqual([1, 0]);
    expect(codec.decode((line as { bytes: Buffer }).bytes, [1, 0])).toEqual({ value: { sku: "b" }, message: "shop.Order.Line" });
  });

  it("refuses indexes that name no message, and fields the message lacks", () => {
    expect(() => codec.decode(Buffer.alloc(0), [5])).toThrow(/name no message/);
    expect(codec.encode({ nope: 1 }, "shop.Ping")).toMatchObject({ problems: [{ path: "nope", message: "Ping has no field nope" }] });
  });
});
