"use client";

import { Download } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { maxAuditLimit, type AuditFilters } from "@/lib/audit/filters";
import { fetchAuditExport } from "@/lib/queries/audit";
import { auditCsv, auditFileName, auditJsonLines, downloadText, type AuditExportFormat } from "./audit-export";
import { Select } from "@/components/ui/select";

type ExportState = { status: "idle" } | { status: "running" } | { status: "done"; count: number } | { status: "failed"; message: string };

/** Saves what the filters match (the newest 1,000 at most: the server's cap) as JSON lines or CSV, in the browser. */
export function AuditExportButton({ filters }: { filters: AuditFilters }) {
  const id = useId();
  const [format, setFormat] = useState<AuditExportFormat>("jsonl");
  const [state, setState] = useState<ExportState>({ status: "idle" });

  const start = async () => {
    setState({ status: "running" });
    try {
      const { entries } = await fetchAuditExport(filters);
      const text = format === "csv" ? auditCsv(entries) : auditJsonLines(entries);
      downloadText(text, auditFileName(format, new Date()), format === "csv" ? "text/csv;charset=utf-8" : "application/x-ndjson");
      setState({ status: "done", count: entries.length });
    } catch (error) {
      setState({ status: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Export format
      </label>
      <Select id={id} value={format} onChange={(e) => setFormat(e.target.value as AuditExportFormat)}>
        <option value="jsonl">JSON lines</option>
        <option value="csv">CSV</option>
      </Select>
      <Button
        onClick={() => void start()}
        disabled={state.status === "running"}
        title={`Up to the newest ${maxAuditLimit.toLocaleString("en-US")} entries matching the filters`}
      >
        <Download aria-hidden className="size-4" /> {state.status === "running" ? "Exporting…" : "Export"}
      </Button>
      <span aria-live="polite" className="text-sm text-muted" data-testid="audit-export-status">
        {state.status === "done" &&
          (state.count >= maxAuditLimit
            ? `Exported the newest ${state.count.toLocaleString("en-US")} entries (the most at once); narrow the filters for older ones.`
            : `Exported ${state.count.toLocaleString("en-US")} ${state.count === 1 ? "entry" : "entries"}.`)}
        {state.status === "failed" && <span className="text-bad">Export failed: {state.message}</span>}
      </span>
    </div>
  );
}
