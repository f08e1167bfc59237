import { describe, expect, it } from "vitest";
import { lineAndColumn, prettyEjson } from "./document-json-editor";

describe("prettyEjson", () => {
  it("keeps type wrappers on one line and indents documents and arrays", () => {
    const doc = { _id: { $oid: "6b03bc544ae057a268e25138" }, total: { $numberDouble: "70.5" }, at: { $date: { $numberLong: "1" } }, items: [{ qty: { $numberInt: "1" } }], tags: [], empty: {}, n: null };
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
