import { describe, expect, it } from "vitest";
import { applyUrlState } from "./use-url-state";

describe("applyUrlState", () => {
  it("sets and removes several parameters in one step, keeping the others", () => {
    expect(applyUrlState("q=orders&internal=1", { sort: "partitions", desc: "1" })).toBe("q=orders&internal=1&sort=partitions&desc=1");
    expect(applyUrlState("q=orders&sort=name&desc=1", { sort: "messages", desc: null })).toBe("q=orders&sort=messages");
  });

  it("treats an empty value as removing the parameter", () => {
    expect(applyUrlState("q=orders&internal=1", { q: "" })).toBe("internal=1");
    expect(applyUrlState(new URLSearchParams("q=a"), { q: undefined })).toBe("");
  });
});
