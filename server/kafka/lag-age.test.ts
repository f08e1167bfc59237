import { describe, expect, it } from "vitest";
import type { FetchedRecord } from "./client";
import { readProbe, unreadable } from "./lag-age";

const data = (offset: number, producerId = "-1", inTransaction = false): FetchedRecord => ({
  offset: String(offset),
  timestamp: String(1_000 + offset),
  batchContext: { producerId, inTransaction },
});
const marker = (offset: number, producerId: string): FetchedRecord => ({ ...data(offset, producerId, true), isControlRecord: true });
const partition = (messages: FetchedRecord[], abortedTransactions?: Array<{ producerId: string; firstOffset: string }>) => ({
  partition: 0,
  errorCode: 0,
  highWatermark: "0",
  lastStableOffset: "0",
  messages,
  abortedTransactions,
});

describe("unreadable", () => {
  it("skips markers and the records of aborted transactions, not those of committed ones", () => {
    const records = [data(0, "7", true), data(1, "7", true), marker(2, "7"), data(3, "8", true), marker(4, "8"), data(5)];
    expect(unreadable(records, [{ producerId: "7", firstOffset: "0" }])).toEqual([true, true, true, false, true, false]);
  });
});

describe("readProbe", () => {
  it("takes the timestamp of the first readable record at or after the offset", () => {
    expect(readProbe({ offset: "2", stable: "5" }, partition([data(0), data(1), data(2), data(3)]))).toEqual({ timestamp: 1_002, onlyMarkers: false });
  });

  it("finds nothing to read when only a marker separates the offset from the stable end", () => {
    expect(readProbe({ offset: "3", stable: "4" }, partition([data(0, "9", true), marker(3, "9")]))).toEqual({ timestamp: null, onlyMarkers: true });
  });

  it("finds nothing to read past an aborted transaction either", () => {
    const records = [data(4, "9", true), data(5, "9", true), marker(6, "9")];
    expect(readProbe({ offset: "4", stable: "7" }, partition(records, [{ producerId: "9", firstOffset: "4" }]))).toEqual({
      timestamp: null,
      onlyMarkers: true,
    });
  });

  it("does not claim there is nothing to read when the fetch stopped short", () => {
    expect(readProbe({ offset: "3", stable: "10" }, partition([marker(3, "9")]))).toEqual({ timestamp: null, onlyMarkers: false });
    expect(readProbe({ offset: "3", stable: "10" }, undefined)).toEqual({ timestamp: null, onlyMarkers: false });
  });
});
