import { describe, expect, it } from "vitest";
import { decide } from "./decide";

const customer = { status: "active", creditLimit: 100, reservedBefore: 0 };

describe("decide", () => {
  it("approves an order within the limit of an active customer", () => {
    expect(decide({ total: 100, customer })).toEqual({ approved: true });
  });

  it("rejects an order of an inactive customer", () => {
    expect(decide({ total: 1, customer: { ...customer, status: "inactive" } })).toEqual({ approved: false, reason: "customer is inactive" });
  });

  it("counts credit already held by open orders", () => {
    const decision = decide({ total: 30, customer: { ...customer, reservedBefore: 80 } });
    expect(decision).toEqual({ approved: false, reason: "over credit limit: 110 of 100" });
  });
});
