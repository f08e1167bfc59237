import { describe, expect, it } from "vitest";
import { decide } from "./decide";

const customer = { status: "active", creditLimit: 100 };

describe("decide", () => {
  it("approves an order within the limit of an active customer", () => {
    expect(decide({ total: 100, customer })).toEqual({ approved: true });
  });

  it("rejects an order of an inactive customer", () => {
    expect(decide({ total: 1, customer: { ...customer, status: "inactive" } })).toEqual({ approved: false, reason: "customer is inactive" });
  });

  it("rejects an order over the credit limit", () => {
    expect(decide({ total: 100.01, customer })).toEqual({ approved: false, reason: "over credit limit: 100.01 of 100" });
  });
});
