import { describe, expect, it } from "vitest";
import { latestValue, toChartRows } from "./chart-data";

describe("toChartRows", () => {
  it("merges series by timestamp and skips NaN points", () => {
    const { rows, keys } = toChartRows([
      {
        labels: {},
        legend: "a",
        points: [
          [1000, 1],
          [2000, 2],
        ],
      },
      {
        labels: {},
        legend: "b",
        points: [
          [2000, null],
          [3000, 5],
        ],
      },
    ]);
    expect(keys.map((k) => k.legend)).toEqual(["a", "b"]);
    expect(rows).toEqual([
      { t: 1000, s0: 1 },
      { t: 2000, s0: 2 },
      { t: 3000, s1: 5 },
    ]);
  });
});

describe("latestValue", () => {
  it("is the newest value that is not NaN", () => {
    expect(
      latestValue({
        labels: {},
        legend: "",
        points: [
          [1, 3],
          [2, null],
        ],
      }),
    ).toBe(3);
    expect(latestValue(undefined)).toBeNull();
  });
});
