import { describe, expect, it } from "vitest";
import { rateText, servicesUpText } from "./health";

describe("servicesUpText", () => {
  const service = (up: boolean | null, declared = true) => ({ up, declared });

  it("counts the declared services that are up", () => {
    expect(servicesUpText([service(true), service(false), service(true), service(true, false)])).toBe("2 of 3 services up");
  });

  it("says how many it cannot tell, and never counts them as down", () => {
    expect(servicesUpText([service(true), service(null), service(null)])).toBe("1 of 3 services up (2 unknown)");
    expect(servicesUpText([service(null), service(null)])).toBe("2 services, state unknown");
  });
});

describe("rateText", () => {
  it("says when the metrics do not tell, and when a topic is idle", () => {
    expect(rateText(null)).toBe("no rate");
    expect(rateText(0)).toBe("idle");
    expect(rateText(0.0234)).toBe("0.02 ev/s");
    expect(rateText(51.73)).toBe("51.7 ev/s");
    expect(rateText(1234.4)).toBe("1234 ev/s");
  });
});
