import { describe, expect, it } from "vitest";
import type { ReplayStep } from "@/lib/schemas/replay";
import { jobPercent, kindLabel, partitionsText, rangeText, rewindText, specTitle, stepsText, timeAgo } from "./describe";

const progress = (done: number, total: number) => ({ partitions: [], done, total, scanned: 0, ratePerSecond: 0, etaSeconds: null, updatedAt: "" });

describe("replay descriptions", () => {
  it("say ranges, partitions and rewinds in words", () => {
    expect(rangeText({ kind: "all" })).toBe("everything retained");
    expect(rangeText({ kind: "offsets", from: "10", to: "20" })).toBe("offsets 10 to 20 (end excluded)");
    expect(rangeText({ kind: "time", from: "2024-05-01T12:00:00Z" })).toBe("written since 2024-05-01 12:00:00 UTC");
    expect(partitionsText([])).toBe("every partition");
    expect(partitionsText([0, 2])).toBe("partitions 0, 2");
    expect(rewindText({ kind: "shift", by: -1500 })).toBe("1,500 events back");
  });
  it("name jobs of every kind", () => {
    expect(specTitle({ kind: "republish", source: { topic: "a", partitions: [], range: { kind: "all" } }, filter: "", target: { topic: "b" } })).toBe("a → b");
    expect(specTitle({ kind: "reprocess", groupId: "g", to: { kind: "earliest" } })).toBe("group g");
    expect(specTitle({ kind: "rebuild", service: "orders", projection: "customers", mode: "in-place" })).toBe("orders/customers (in place)");
    expect(kindLabel("reprocess")).toBe("Reprocess");
  });
  it("count progress, a completed job as whole", () => {
    expect(jobPercent({ state: "running", progress: progress(1, 3) })).toBe(33);
    expect(jobPercent({ state: "completed", progress: progress(0, 0) })).toBe(100);
    expect(jobPercent({ state: "queued", progress: progress(0, 0) })).toBe(0);
  });
  it("count a rebuild by its steps, and say where it is", () => {
    const steps = (...states: ReplayStep["state"][]): ReplayStep[] => states.map((state, i) => ({ name: `Step ${i + 1}`, state, detail: null }));
    const withSteps = (...states: ReplayStep["state"][]) => ({ ...progress(12, 12), steps: steps(...states) });
    expect(jobPercent({ state: "running", progress: withSteps("done", "done", "running", "pending", "pending") })).toBe(40);
    expect(stepsText(steps("done", "done", "running", "pending", "pending"))).toBe("step 3 of 5: Step 3");
    expect(stepsText(steps("done", "failed", "pending"))).toBe("failed at step 2: Step 2");
    expect(stepsText(steps("done", "done"))).toBe("all 2 steps done");
  });
  it("say how long ago", () => {
    const now = Date.parse("2024-05-01T12:00:00Z");
    expect(timeAgo("2024-05-01T11:59:48Z", now)).toBe("12 s ago");
    expect(timeAgo("2024-05-01T09:00:00Z", now)).toBe("3 h ago");
    expect(timeAgo(null, now)).toBe("—");
  });
});
