import { describe, expect, it } from "vitest";
import { chooseStep, maxPointsPerSeries, pointsForStep, rateInterval } from "./step";

describe("chooseStep", () => {
  it.each([
    ["5m", 300, 1200],
    ["1h", 3_600, 1200],
    ["6h", 21_600, 1200],
    ["24h", 86_400, 2400],
    ["7d", 604_800, 4000],
    ["30d", 2_592_000, 10_000],
  ])("keeps a %s range under 1,000 points and one point per two pixels", (_name, range, width) => {
    const step = chooseStep(range, width);
    expect(pointsForStep(range, step)).toBeLessThanOrEqual(maxPointsPerSeries);
    expect(pointsForStep(range, step)).toBeLessThanOrEqual(Math.max(10, width / 2));
  });

  it("never goes below the scrape interval", () => {
    expect(chooseStep(60, 4000)).toBe(2);
  });

  it("picks round steps and grows with the range", () => {
    expect(chooseStep(3_600, 1200)).toBe(10);
    expect(chooseStep(21_600, 1200)).toBe(60);
    expect(chooseStep(604_800, 1200)).toBe(1_800);
  });

  it("narrow panels get coarser steps than wide ones", () => {
    expect(chooseStep(21_600, 300)).toBeGreaterThan(chooseStep(21_600, 1800));
  });

  it("caps at 1,000 points however wide the panel", () => {
    const step = chooseStep(86_400, 100_000);
    expect(pointsForStep(86_400, step)).toBeLessThanOrEqual(1_000);
  });
});

describe("rateInterval", () => {
  it("is at least four scrapes", () => expect(rateInterval(2)).toBe(8));
  it("follows the step once it is wider", () => expect(rateInterval(300)).toBe(300));
});
