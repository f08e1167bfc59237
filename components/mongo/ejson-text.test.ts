import { ObjectId } from "bson";
import { describe, expect, it } from "vitest";
import { cellText, fromCanonical, startAtFromInput } from "./ejson-text";

describe("documents as text", () => {
  it("shows cells compactly and keeps types readable", () => {
    const doc = fromCanonical({ _id: { $oid: "65a1b2c3d4e5f6a7b8c9d0e1" }, at: { $date: { $numberLong: "0" } }, n: { $numberLong: "5" }, s: "x", o: { a: 1 } });
    expect(cellText(doc._id)).toBe("65a1b2c3d4e5f6a7b8c9d0e1");
    expect(cellText(doc.at)).toBe("1970-01-01T00:00:00.000Z");
    expect(cellText(doc.n)).toBe("5");
    expect(cellText(doc.o)).toBe('{"a":1}');
    expect(cellText("y".repeat(200)).length).toBe(121);
    expect(cellText(undefined)).toBe("");
  });

  it("reads a typed _id as the API's startAt", () => {
    const id = new ObjectId().toHexString();
    expect(startAtFromInput(` ${id} `)).toBe(id);
    expect(startAtFromInput(`ObjectId("${id.toUpperCase()}")`)).toBe(id);
    expect(startAtFromInput("42")).toBe("ejson:42");
    expect(startAtFromInput('{"$oid":"x"}')).toBe('ejson:{"$oid":"x"}');
    expect(startAtFromInput("order-17")).toBe("order-17");
  });
});
