import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatDuration } from "./format";

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

describe("formatDuration", () => {
  it("says a lag the way people do", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(0.42)).toBe("0.4 s");
    expect(formatDuration(42.4)).toBe("42 s");
    expect(formatDuration(185)).toBe("3 min 5 s");
    expect(formatDuration(7_800)).toBe("2 h 10 min");
    expect(formatDuration(3 * 86_400 + 4 * 3_600 + 59)).toBe("3 d 4 h");
  });
});

describe("formatBytes", () => {
  it("uses binary units with three significant digits", () => {
    expect(formatBytes(null)).toBe("—");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(3_277)).toBe("3.20 KiB");
    expect(formatBytes(330_592_082)).toBe("315 MiB");
    expect(formatBytes(1.21 * 1024 ** 3)).toBe("1.21 GiB");
  });
});
