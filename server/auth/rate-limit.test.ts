import { describe, expect, it } from "vitest";
import { roleAtLeast } from "@/lib/auth";
import { isSensitive } from "./policy";
import { FailureLimiter } from "./rate-limit";

describe("FailureLimiter", () => {
  it("refuses a key after the limit until its oldest failure leaves the window", () => {
    const limiter = new FailureLimiter(3, 60_000);
    limiter.fail("alice", 0);
    limiter.fail("alice", 10_000);
    expect(limiter.retryAfter("alice", 10_000)).toBe(0);
    limiter.fail("alice", 20_000);
    expect(limiter.retryAfter("alice", 20_000)).toBe(40);
    expect(limiter.retryAfter("bob", 20_000)).toBe(0);
    expect(limiter.retryAfter("alice", 60_001)).toBe(0);
    limiter.fail("alice", 60_001);
    limiter.clear("alice");
    expect(limiter.retryAfter("alice", 60_002)).toBe(0);
  });
});

describe("roles and sensitive collections", () => {
  it("orders roles viewer < operator < admin", () => {
    expect(roleAtLeast("admin", "operator")).toBe(true);
    expect(roleAtLeast("operator", "operator")).toBe(true);
    expect(roleAtLeast("viewer", "operator")).toBe(false);
  });

  it("matches db.collection and db.* entries exactly", () => {
    const patterns = ["accounts.customers", "billing.*"];
    expect(isSensitive(patterns, "accounts", "customers")).toBe(true);
    expect(isSensitive(patterns, "accounts", "customers2")).toBe(false);
    expect(isSensitive(patterns, "billing", "invoices")).toBe(true);
    expect(isSensitive(patterns, "orders", "customers")).toBe(false);
  });
});
