"use client";

import { Download, Square, Upload } from "lucide-react";
import { useId, useRef, useState } from "react";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useImportDocuments } from "@/lib/queries/mongo";
import { maxImportBytes, namespacePath } from "@/lib/schemas/mongo-browse";
import { Select } from "@/components/ui/select";
import { InlineError } from "@/components/ui/inline-error";

type ExportState =
  { status: "idle" } | { status: "running"; done: number; total: number | null } | { status: "finished"; done: number } | { status: "failed"; message: string };

function countNewlines(chunk: Uint8Array): number {
  let n = 0;
  for (const byte of chunk) if (byte === 10) n++;
  return n;
}

/**
 * Exports the current filter's documents (JSON lines or CSV), reading the streamed answer to
 * show documents exported of the estimated total; the file is saved when the stream ends.
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
  const [format, setFormat] = useState<"jsonl" | "csv">("jsonl");
  const [state, setState] = useState<ExportState>({ status: "idle" });
  const abort = useRef<AbortController | null>(null);

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    const params = new URLSearchParams({ format });
    for (const key of ["filter", "sort", "projection"] as const) if (query[key].trim()) params.set(key, query[key]);
    try {
      const response = await fetch(`${namespacePath(db, collection)}/export?${params}`, { signal: controller.signal });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
        throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
      }
      const header = response.headers.get("x-estimated-total");
      const estimated = header === null ? total : Number(header);
      const headerLines = format === "csv" ? 1 : 0;
      const chunks: BlobPart[] = [];
      const reader = response.body.getReader();
      let lines = 0;
      setState({ status: "running", done: 0, total: estimated });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as BlobPart);
        lines += countNewlines(value);
        setState({ status: "running", done: Math.max(0, lines - headerLines), total: estimated });
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? `${collection}.${format}`;
      const url = URL.createObjectURL(new Blob(chunks, { type: response.headers.get("content-type") ?? "application/octet-stream" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ status: "finished", done: Math.max(0, lines - headerLines) });
    } catch (error) {
      setState(controller.signal.aborted ? { status: "idle" } : { status: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };

  const running = state.status === "running";
  const percent = running && state.total ? Math.min(100, Math.round((state.done / state.total) * 100)) : undefined;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Export format
      </label>
      <Select id={id} value={format} onChange={(e) => setFormat(e.target.value as "jsonl" | "csv")} disabled={running}>
        <option value="jsonl">JSON lines</option>
        <option value="csv">CSV</option>
      </Select>
      {running ? (
        <Button onClick={() => abort.current?.abort()}>
          <Square aria-hidden className="size-4" /> Stop export
        </Button>
      ) : (
        <Button onClick={() => void start()}>
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
