import { describe, expect, it } from "vitest";
import { reprocessProgress } from "./reprocess";

describe("reprocessProgress", () => {
  const rewind = [
    { topic: "a", partition: 0, current: "100", target: "0" },
    { topic: "a", partition: 1, current: "50", target: "40" },
    { topic: "b", partition: 0, current: null, target: "0" },
  ];

  it("counts what the group read again, up to where it was before the rewind", () => {
    const progress = reprocessProgress(
      rewind,
      new Map([
        ["a\u00000", 30n],
        ["a\u00001", 70n],
      ]),
    );
    expect(progress.total).toBe(110);
    expect(progress.done).toBe(40);
    expect(progress.partitions.map((p) => [p.topic, p.partition, p.position])).toEqual([
      ["a", 0, "30"],
      ["a", 1, "50"],
    ]);
  });

  it("starts at zero while nothing is committed since the rewind", () => {
    expect(reprocessProgress(rewind, new Map()).done).toBe(0);
  });
});
