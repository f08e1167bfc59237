import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@/lib/schemas/audit";
import { auditCsv, auditFileName, auditJsonLines, csvCell } from "./audit-export";

const entries: AuditEntry[] = [
  {
    id: "b",
    at: "2026-02-03T10:15:01.000Z",
    actor: "ana",
    action: "POST /api/kafka/topics",
    target: "/api/kafka/topics",
    outcome: "refused",
    details: { status: 403 },
  },
  { id: "a", at: "2026-02-03T10:15:00.000Z", actor: "=cmd()", action: "auth.signin", target: 'say "hi", then\nleave', outcome: "ok", details: {} },
];

describe("auditJsonLines", () => {
  it("writes one entry per line that parses back to the entry", () => {
    const lines = auditJsonLines(entries).trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line) as AuditEntry)).toEqual(entries);
    expect(auditJsonLines([])).toBe("");
  });
});

describe("auditCsv", () => {
  it("has a header and one row per entry, details as JSON", () => {
    const rows = auditCsv(entries).split("\r\n");
    expect(rows[0]).toBe("at,actor,action,target,outcome,details");
    expect(rows[1]).toBe('2026-02-03T10:15:01.000Z,ana,POST /api/kafka/topics,/api/kafka/topics,refused,"{""status"":403}"');
    expect(rows.at(-1)).toBe("");
  });

  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell("=cmd()")).toBe("'=cmd()");
    expect(csvCell("-1+1")).toBe("'-1+1");
    expect(csvCell("plain")).toBe("plain");
  });
});

describe("auditFileName", () => {
  it("names the file by the export time, without colons", () => {
    expect(auditFileName("csv", new Date("2026-02-03T10:15:00.123Z"))).toBe("eventdeck-audit-2026-02-03T10-15-00Z.csv");
  });
});
