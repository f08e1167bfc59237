import { Int32 } from "bson";
import { describe, expect, it } from "vitest";
import { ignoredOptions, indexKeysFrom, requestedIndexOptions, toIndexInfo } from "./indexes";

describe("index keys and options", () => {
  it("builds keys in order from fields or from EJSON", () => {
    expect(
      Object.entries(
        indexKeysFrom([
          { field: "b", direction: -1 },
          { field: "a", direction: 1 },
        ]),
      ),
    ).toEqual([
      ["b", -1],
      ["a", 1],
    ]);
    expect(indexKeysFrom(`{"name": "text", "n": {"$numberInt": "-1"}}`)).toEqual({ name: "text", n: new Int32(-1) });
  });

  it("refuses keys with no field, a zero or missing direction, a $ field or a repeated field", () => {
    expect(() => indexKeysFrom("{}")).toThrow(/no field/);
    expect(() => indexKeysFrom(`{"a": 0}`)).toThrow(/direction/);
    expect(() => indexKeysFrom(`{"a": null}`)).toThrow(/direction/);
    expect(() => indexKeysFrom(`{"$a": 1}`)).toThrow(/not a field/);
    expect(() =>
      indexKeysFrom([
        { field: "a", direction: 1 },
        { field: "a", direction: 1 },
      ]),
    ).toThrow(/only once/);
    expect(() => indexKeysFrom(`{"a": 1`)).toThrow(/position/);
  });

  it("passes only the options asked for, and names those the listed index lacks", () => {
    const options = requestedIndexOptions({ keys: "{}", unique: false, sparse: true, expireAfterSeconds: 60, partialFilterExpression: `{"a": {"$gt": 1}}` });
    expect(options).toEqual({ sparse: true, expireAfterSeconds: 60, partialFilterExpression: { a: { $gt: new Int32(1) } } });
    const listed = toIndexInfo({ v: 2, key: { a: 1 }, name: "a_1", expireAfterSeconds: 60 }, undefined);
    expect(ignoredOptions(options, listed)).toEqual([expect.stringMatching(/sparse: true/), expect.stringMatching(/partialFilterExpression/)]);
  });

  it("describes a listed index with its size and other options as EJSON", () => {
    const info = toIndexInfo({ v: 2, key: { a: new Int32(1), b: -1 }, name: "a_1_b_-1", unique: true, collation: { locale: "en" } }, { "a_1_b_-1": 8192 });
    expect(info).toEqual({
      name: "a_1_b_-1",
      keys: [
        { field: "a", direction: 1 },
        { field: "b", direction: -1 },
      ],
      unique: true,
      sparse: false,
      otherOptions: { collation: { locale: "en" } },
      size: 8192,
    });
  });
});
