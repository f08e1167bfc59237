import { describe, expect, it } from "vitest";
import { unifiedDiff } from "./document-diff";

const lines = (n: number, change?: { at: number; to: string }) =>
  Array.from({ length: n }, (_, i) => (change && i === change.at ? change.to : `line ${i + 1}`)).join("\n");

describe("unifiedDiff", () => {
  it("shows a change with three lines of context and folds the rest", () => {
    const rows = unifiedDiff(lines(20), lines(20, { at: 9, to: "changed" }));
    expect(rows).toEqual([
      { kind: "skipped", count: 6 },
      { kind: "context", text: "line 7", oldLine: 7, newLine: 7 },
      { kind: "context", text: "line 8", oldLine: 8, newLine: 8 },
      { kind: "context", text: "line 9", oldLine: 9, newLine: 9 },
      { kind: "removed", text: "line 10", oldLine: 10 },
      { kind: "added", text: "changed", newLine: 10 },
      { kind: "context", text: "line 11", oldLine: 11, newLine: 11 },
      { kind: "context", text: "line 12", oldLine: 12, newLine: 12 },
      { kind: "context", text: "line 13", oldLine: 13, newLine: 13 },
      { kind: "skipped", count: 7 },
    ]);
  });

  it("answers nothing for equal texts and numbers added lines after the change", () => {
    expect(unifiedDiff("a\nb", "a\nb")).toEqual([]);
    const rows = unifiedDiff("a\nb", "a\nx\nb");
    expect(rows).toEqual([
      { kind: "context", text: "a", oldLine: 1, newLine: 1 },
      { kind: "added", text: "x", newLine: 2 },
      { kind: "context", text: "b", oldLine: 2, newLine: 3 },
    ]);
  });
});
