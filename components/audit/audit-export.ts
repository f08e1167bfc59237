import type { AuditEntry } from "@/lib/schemas/audit";

export type AuditExportFormat = "jsonl" | "csv";

/** One entry per line, as GET /api/audit returns it. */
export function auditJsonLines(entries: AuditEntry[]): string {
  return entries.map((entry) => JSON.stringify(entry)).join("\n") + (entries.length ? "\n" : "");
}

const csvColumns = ["at", "actor", "action", "target", "outcome", "details"] as const;

/**
 * One CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ (or tab, CR)
 * gets a ' first, so a spreadsheet shows the text instead of running it as a formula
 * (actors and targets come from whoever sent the request).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A header row, then one row per entry; details as compact JSON in the last column (RFC 4180, CRLF line ends). */
export function auditCsv(entries: AuditEntry[]): string {
  const rows = entries.map((entry) => [entry.at, entry.actor, entry.action, entry.target, entry.outcome, JSON.stringify(entry.details)].map(csvCell).join(","));
  return [csvColumns.join(","), ...rows].join("\r\n") + "\r\n";
}

/** "eventdeck-audit-2026-02-03T10-15-00Z.csv": when it was exported, safe on every file system. */
export function auditFileName(format: AuditExportFormat, now: Date): string {
  return `eventdeck-audit-${now.toISOString().slice(0, 19).replaceAll(":", "-")}Z.${format}`;
}

/** Saves `text` as a file through a temporary link (nothing leaves the browser). */
export function downloadText(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
