import { Binary, Decimal128, Double, Int32, Long, ObjectId } from "bson";
import { describe, expect, it } from "vitest";
import { EjsonInputError, parseEjson, parseEjsonDocument, toEjson } from "./ejson";

describe("parseEjson", () => {
  it("reads Extended JSON types", () => {
    const doc = parseEjsonDocument(
      '{"_id":{"$oid":"64b7f0c2a1b2c3d4e5f60718"},"at":{"$date":"2026-01-01T00:00:00Z"},"n":{"$numberLong":"9007199254740993"},"d":{"$numberDecimal":"1.10"}}',
    );
    expect(doc._id).toBeInstanceOf(ObjectId);
    expect(doc.at).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(doc.n).toBeInstanceOf(Long);
    expect(String(doc.n)).toBe("9007199254740993");
    expect(doc.d).toBeInstanceOf(Decimal128);
  });

  it("names the position of a syntax error", () => {
    try {
      parseEjson('{"status": rejected}', "filter");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EjsonInputError);
      expect((error as EjsonInputError).position).toBe(11);
      expect((error as Error).message).toBe("filter is not valid JSON at position 11: InvalidSymbol");
    }
  });

  it("refuses server-side JavaScript however deep it sits", () => {
    expect(() => parseEjson('{"$or":[{"a":1},{"$and":[{"b":2},{"$where":"sleep(1000)"}]}]}', "filter")).toThrow(
      /server-side JavaScript is not allowed \(\$or\[1\]\.\$and\[1\]\.\$where\)/,
    );
    expect(() => parseEjson('[{"$group":{"_id":null,"x":{"$accumulator":{}}}}]')).toThrow(/\$accumulator/);
    expect(() => parseEjson('{"$expr":{"$function":{"body":"return 1","args":[],"lang":"js"}}}')).toThrow(/\$function/);
  });

  it("refuses what JSON.parse would also refuse, with a position", () => {
    expect(() => parseEjson('{"a":1,}')).toThrow(/at position 7/);
    expect(() => parseEjson('{"a":1} // x')).toThrow(/at position 8/);
    expect(() => parseEjson("")).toThrow(/at position 0/);
  });

  it("insists on an object where one is needed", () => {
    expect(() => parseEjsonDocument("[1,2]", "sort")).toThrow("sort must be a JSON object");
    // Canonical EJSON makes objects of these (Int32, ObjectId, Date, Long): still not documents.
    for (const text of [
      "0",
      '{"$numberInt":"5"}',
      '{"$oid":"64b7f0c2a1b2c3d4e5f60718"}',
      '{"$date":"2026-01-01T00:00:00Z"}',
      '{"$numberLong":"1"}',
      "null",
      '"x"',
    ]) {
      expect(() => parseEjsonDocument(text, "line 1"), text).toThrow("line 1 must be a JSON object");
    }
    expect(parseEjsonDocument("{}")).toEqual({});
  });
});

describe("toEjson", () => {
  it("keeps every type through a round trip", () => {
    const original = {
      _id: new ObjectId(),
      n: Long.fromString("9007199254740993"),
      i: new Int32(7),
      f: new Double(1.5),
      b: new Binary(Buffer.from([0, 1, 2])),
      d: new Date(0),
      nested: { a: [null, true] },
    };
    expect(parseEjsonDocument(JSON.stringify(toEjson(original)))).toEqual(original);
  });
});
