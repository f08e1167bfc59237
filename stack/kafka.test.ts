import { describe, expect, it } from "vitest";
import { newClusterId } from "./kafka";

describe("newClusterId", () => {
  it("makes 22-character base64url ids that never start with '-' (the storage tool would read an option)", () => {
    for (let i = 0; i < 5_000; i++) {
      const id = newClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });
});
