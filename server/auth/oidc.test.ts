import { describe, expect, it } from "vitest";
import { roleFromClaim, safeReturnTo } from "./oidc";

describe("roleFromClaim", () => {
  it("takes the highest console role the claim names, else the default", () => {
    expect(roleFromClaim(["viewer", "admin", "other"], "viewer")).toBe("admin");
    expect(roleFromClaim("operator", "viewer")).toBe("operator");
    expect(roleFromClaim(["staff"], "viewer")).toBe("viewer");
    expect(roleFromClaim(undefined, "none")).toBeNull();
  });
});

describe("safeReturnTo", () => {
  it("only returns to a path of this console, never another site", () => {
    expect(safeReturnTo("/kafka/topics?q=a")).toBe("/kafka/topics?q=a");
    expect(safeReturnTo("//evil.example/x")).toBe("/");
    expect(safeReturnTo("/\\evil.example")).toBe("/");
    expect(safeReturnTo("https://evil.example")).toBe("/");
    expect(safeReturnTo(null)).toBe("/");
  });
});
