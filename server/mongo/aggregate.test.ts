import { Long } from "bson";
import { describe, expect, it } from "vitest";
import { parsePipeline } from "./aggregate";

describe("parsePipeline", () => {
  it("reads stages with their EJSON types", () => {
    const pipeline = parsePipeline(`[{"$match": {"n": {"$gt": {"$numberLong": "5"}}}}, {"$limit": 3}]`);
    expect(pipeline).toHaveLength(2);
    expect((pipeline[0]!.$match as { n: { $gt: unknown } }).n.$gt).toEqual(Long.fromNumber(5));
  });

  it("refuses $out and $merge wherever they are, naming the stage", () => {
    expect(() => parsePipeline(`[{"$out": "x"}]`)).toThrow(/\$out at pipeline\[0\]/);
    expect(() => parsePipeline(`[{"$match": {}}, {"$facet": {"a": [{"$merge": {"into": "y"}}]}}]`)).toThrow(/\$merge at pipeline\[1\]\.\$facet\.a\[0\]/);
  });

  it("refuses server-side JavaScript deep inside $or", () => {
    expect(() => parsePipeline(`[{"$match": {"$or": [{"a": 1}, {"$and": [{"$where": "1"}]}]}}]`)).toThrow(/\$where/);
  });

  it("refuses what is not an array of one-key stages, and names a syntax error's position", () => {
    expect(() => parsePipeline(`{"$match": {}}`)).toThrow(/array/);
    expect(() => parsePipeline(`[{"match": {}}]`)).toThrow(/stage 1/);
    expect(() => parsePipeline(`[{"$match": {}, "$sort": {"a": 1}}]`)).toThrow(/stage 1/);
    expect(() => parsePipeline(`[1]`)).toThrow(/stage 1/);
    expect(() => parsePipeline(`[{"$match": }]`)).toThrow(/position 12/);
  });
});
