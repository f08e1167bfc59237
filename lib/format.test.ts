import { describe, expect, it } from "vitest";
import { formatCount } from "./format";

describe("formatCount", () => {
  it("keeps small counts exact", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount("9999")).toBe("9,999");
  });
  it("shortens large counts", () => {
    expect(formatCount(12_345)).toBe("12.3 k");
    expect(formatCount("4500000")).toBe("4.5 M");
    expect(formatCount(2e9)).toBe("2.0 G");
  });
});
