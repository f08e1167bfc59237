import { describe, expect, it } from "vitest";
import { collectionHref, compareVerdict, stepExplanation } from "./rebuild";

describe("rebuild descriptions", () => {
  it("read the verdict of a compare step", () => {
    expect(compareVerdict("identical: 6 documents, sha256 0a1b2c3d4e5f…")).toEqual({
      verdict: "identical",
      label: "identical",
      rest: ": 6 documents, sha256 0a1b2c3d4e5f…",
    });
    expect(compareVerdict("identical to before: 6 documents, sha256 0a1b…")?.label).toBe("identical to before");
    expect(compareVerdict("different: live 6 documents, sha256 aa…; rebuilt 5 documents, sha256 bb…")?.verdict).toBe("different");
    expect(compareVerdict("before: 6 documents, sha256 aa…; after: 5 documents, sha256 bb…")?.verdict).toBe("different");
    expect(compareVerdict("orders.customers.v2 read all 12 events")).toBeNull();
    expect(compareVerdict(null)).toBeNull();
  });
  it("explain the steps they know, by mode", () => {
    expect(stepExplanation("shadow", "Swap it in")).toMatch(/one write/);
    expect(stepExplanation("in-place", "Swap it in")).toBeNull();
  });
  it("link to a collection", () => {
    expect(collectionHref("storefront-orders", "customers_v2")).toBe("/mongo/storefront-orders/customers_v2");
  });
});
