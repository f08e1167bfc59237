import { describe, expect, it } from "vitest";
import { auditApiQuery, auditFiltersFrom, auditFiltersQuery, isFiltered, resolveSince } from "./filters";

const now = Date.parse("2026-02-03T12:00:00.000Z");

describe("auditFiltersFrom", () => {
  it("reads every filter from the URL", () => {
    const filters = auditFiltersFrom(new URLSearchParams("action=replay.&actor=ana&target=orders&outcome=refused&since=24h&limit=50"));
    expect(filters).toEqual({ action: "replay.", actor: "ana", target: "orders", outcome: "refused", since: "24h", limit: 50 });
    expect(isFiltered(filters)).toBe(true);
  });

  it("drops what the API would refuse instead of failing the page", () => {
    // "POST /api" is a valid action prefix now; markup never is.
    const filters = auditFiltersFrom(new URLSearchParams("action=POST /api%3Cscript%3E&outcome=maybe&since=yesterday&limit=5000"));
    expect(filters).toEqual({ action: "", actor: "", target: "", outcome: "", since: "", limit: 200 });
    expect(isFiltered(filters)).toBe(false);
  });

  it("keeps an ISO start", () => {
    expect(auditFiltersFrom(new URLSearchParams("since=2026-02-01T08:00:00.000Z")).since).toBe("2026-02-01T08:00:00.000Z");
  });
});

describe("auditFiltersQuery", () => {
  it("leaves out what is unset and the default limit, so the URL round-trips", () => {
    const query = auditFiltersQuery({ action: "auth.", actor: "", target: "", outcome: "ok", since: "7d", limit: 200 });
    expect(query).toBe("action=auth.&outcome=ok&since=7d");
    expect(auditFiltersQuery(auditFiltersFrom(new URLSearchParams(query)))).toBe(query);
  });
});

describe("resolveSince and auditApiQuery", () => {
  it("counts presets back from now and passes instants through", () => {
    expect(resolveSince("1h", now)).toBe("2026-02-03T11:00:00.000Z");
    expect(resolveSince("30d", now)).toBe("2026-01-04T12:00:00.000Z");
    expect(resolveSince("2026-02-01T08:00:00+01:00", now)).toBe("2026-02-01T07:00:00.000Z");
    expect(resolveSince("", now)).toBeUndefined();
  });

  it("asks the API for the filters, with an export's larger limit capped at 1000", () => {
    const filters = { action: "auth.", actor: "ana", target: "", outcome: "" as const, since: "1h", limit: 50 };
    expect(auditApiQuery(filters, now)).toStrictEqual({
      action: "auth.",
      actor: "ana",
      target: undefined,
      outcome: undefined,
      since: "2026-02-03T11:00:00.000Z",
      limit: "50",
    });
    expect(auditApiQuery(filters, now, 5000).limit).toBe("1000");
  });
});
