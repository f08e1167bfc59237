import { describe, expect, it } from "vitest";
import { formatValue } from "./units";

describe("formatValue", () => {
  it.each([
    [1234, "ops", "1.23 k ops/s"],
    [0.5, "ops", "0.5 ops/s"],
    [3, "events", "3 ev/s"],
    [0.0123, "seconds", "12.3 ms"],
    [0.0000042, "seconds", "4.2 µs"],
    [2.5, "seconds", "2.5 s"],
    [90, "seconds", "1.5 min"],
    [7_200, "seconds", "2 h"],
    [250, "ms", "250 ms"],
    [1500, "ms", "1.5 s"],
    [512, "bytes", "512 B"],
    [333_447_168, "bytes", "318 MiB"],
    [1.3e9, "bytes", "1.21 GiB"],
    [42, "percent", "42%"],
    [0.0123, "percentunit", "1.23%"],
    [1, "percentunit", "100%"],
    [12_345_678, "short", "12.3 M"],
    [0, "short", "0"],
  ] as const)("%s as %s → %s", (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });

  it("shows a dash for missing values and signs for infinities", () => {
    expect(formatValue(null, "ops")).toBe("—");
    expect(formatValue(Number.NaN, "bytes")).toBe("—");
    expect(formatValue(Number.POSITIVE_INFINITY, "seconds")).toBe("+Inf");
  });
});
