import { describe, expect, it } from "vitest";
import { lineAndColumn, prettyEjson, withReadableDates } from "./document-json-editor";

describe("prettyEjson", () => {
  it("keeps type wrappers on one line and indents documents and arrays", () => {
    const doc = {
      _id: { $oid: "6b03bc544ae057a268e25138" },
      total: { $numberDouble: "70.5" },
      at: { $date: { $numberLong: "1" } },
      items: [{ qty: { $numberInt: "1" } }],
      tags: [],
      empty: {},
      n: null,
    };
    expect(prettyEjson(doc)).toBe(
      [
        "{",
        '  "_id": { "$oid": "6b03bc544ae057a268e25138" },',
        '  "total": { "$numberDouble": "70.5" },',
        '  "at": { "$date": { "$numberLong": "1" } },',
        '  "items": [',
        "    {",
        '      "qty": { "$numberInt": "1" }',
        "    }",
        "  ],",
        '  "tags": [],',
        '  "empty": {},',
        '  "n": null',
        "}",
      ].join("\n"),
    );
    expect(JSON.parse(prettyEjson(doc))).toEqual(doc);
  });

  it("expands a long wrapper such as large binary", () => {
    const doc = { b: { $binary: { base64: "A".repeat(200), subType: "00" } } };
    expect(prettyEjson(doc).split("\n").length).toBeGreaterThan(3);
    expect(JSON.parse(prettyEjson(doc))).toEqual(doc);
  });
});

describe("lineAndColumn", () => {
  it("counts from 1", () => {
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn("ab", 0)).toEqual({ line: 1, column: 1 });
  });
});

describe("withReadableDates", () => {
  it("turns canonical dates into ISO text that parses back to the same BSON bytes", async () => {
    const { EJSON, serialize } = await import("bson");
    const canonical = {
      at: { $date: { $numberLong: "1770113700123" } },
      old: { $date: { $numberLong: "-86400000" } },
      list: [{ $date: { $numberLong: "0" } }],
      n: { $numberInt: "1" },
    };
    const readable = withReadableDates(canonical);
    expect(readable).toEqual({
      at: { $date: "2026-02-03T10:15:00.123Z" },
      old: { $date: { $numberLong: "-86400000" } },
      list: [{ $date: "1970-01-01T00:00:00.000Z" }],
      n: { $numberInt: "1" },
    });
    const bytes = (v: unknown) => Buffer.from(serialize(EJSON.deserialize(v as never, { relaxed: false }))).toString("hex");
    expect(bytes(readable)).toBe(bytes(canonical));
  });
});
