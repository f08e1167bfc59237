"use client";

import { Download, Square, Upload } from "lucide-react";
import { useId, useState } from "react";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useExportDocuments, useImportDocuments, type ExportFormat } from "@/lib/queries/mongo";
import { maxImportBytes } from "@/lib/schemas/mongo-browse";
import { Select } from "@/components/ui/select";
import { InlineError } from "@/components/ui/inline-error";

/** Saves a file the browser holds under `name`, as a download. */
function saveFile({ name, blob }: { name: string; blob: Blob }) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Exports the current filter's documents (JSON lines or CSV), showing documents exported of the
 * estimated total while the answer streams in; the file is saved when the stream ends.
 */
function ExportButton({
  db,
  collection,
  query,
  total,
}: {
  db: string;
  collection: string;
  query: { filter: string; sort: string; projection: string };
  total: number | null;
}) {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>("jsonl");
  const { state, start, stop } = useExportDocuments(db, collection);

  const running = state.status === "running";
  const percent = running && state.total ? Math.min(100, Math.round((state.done / state.total) * 100)) : undefined;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Export format
      </label>
      <Select id={id} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} disabled={running}>
        <option value="jsonl">JSON lines</option>
        <option value="csv">CSV</option>
      </Select>
      {running ? (
        <Button onClick={stop}>
          <Square aria-hidden className="size-4" /> Stop export
        </Button>
      ) : (
        <Button onClick={() => void start(format, query, total).then((file) => file && saveFile(file))}>
          <Download aria-hidden className="size-4" /> Export
        </Button>
      )}
      <span aria-live="polite" className="text-sm text-muted" data-testid="export-status">
        {running && (
          <span className="inline-flex items-center gap-2">
            <progress max={state.total ?? undefined} value={state.total ? state.done : undefined} aria-label="Export progress" className="h-2 w-28" />
            {state.done.toLocaleString("en-US")}
            {state.total !== null ? ` of ~${state.total.toLocaleString("en-US")}` : ""} documents{percent !== undefined ? ` (${percent}%)` : ""}
          </span>
        )}
        {state.status === "finished" && `Exported ${state.done.toLocaleString("en-US")} documents`}
        {state.status === "failed" && <span className="text-bad">Export failed: {state.message}</span>}
      </span>
    </div>
  );
}

function ImportDialog({ db, collection, onClose }: { db: string; collection: string; onClose: () => void }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const importing = useImportDocuments(db, collection);
  const tooLarge = file !== null && file.size > maxImportBytes;
  const report = importing.data;
  return (
    <Dialog open onClose={onClose} title={`Import into ${collection}`} description="JSON lines: one Extended JSON document per line, at most 10 MiB.">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (file && !tooLarge) importing.mutate(file);
        }}
      >
        <div className="space-y-1">
          <label htmlFor={id} className="text-sm">
            File
          </label>
          <input
            id={id}
            type="file"
            accept=".jsonl,.ndjson,.json,.txt"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="block w-full text-sm"
          />
          {tooLarge && <p className="text-sm text-bad">The file is larger than 10 MiB.</p>}
        </div>
        {importing.error && <InlineError>{importing.error.message}</InlineError>}
        {report && (
          <div role="status" className="space-y-1 text-sm">
            <p>
              <strong>{report.inserted.toLocaleString("en-US")}</strong> inserted,{" "}
              <strong className={report.failed.length ? "text-bad" : undefined}>{report.failed.length}</strong> failed.
            </p>
            {report.failed.length > 0 && (
              <ul className="max-h-48 overflow-auto rounded-md border border-line p-2 font-mono text-xs">
                {report.failed.slice(0, 100).map((f) => (
                  <li key={f.line}>
                    line {f.line}: {f.reason}
                  </li>
                ))}
                {report.failed.length > 100 && <li>… and {report.failed.length - 100} more</li>}
              </ul>
            )}
          </div>
        )}
        <DialogActions>
          <Button onClick={onClose}>{report ? "Close" : "Cancel"}</Button>
          <Button type="submit" variant="primary" disabled={!file || tooLarge || importing.isPending}>
            <Upload aria-hidden className="size-4" /> {importing.isPending ? "Importing…" : "Import"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Export of the current query's results and import of JSON lines (operator), side by side in the toolbar. */
export function ExportImport(props: { db: string; collection: string; query: { filter: string; sort: string; projection: string }; total: number | null }) {
  const [importOpen, setImportOpen] = useState(false);
  const canImport = useCan("operator");
  return (
    <div className="flex flex-wrap items-center gap-2">
      <ExportButton {...props} />
      {canImport && (
        <Button onClick={() => setImportOpen(true)}>
          <Upload aria-hidden className="size-4" /> Import
        </Button>
      )}
      {canImport && importOpen && <ImportDialog db={props.db} collection={props.collection} onClose={() => setImportOpen(false)} />}
    </div>
  );
}
