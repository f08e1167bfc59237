"use client";

import { RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ApiError } from "@/lib/api/fetch-json";
import { DocumentDiff } from "./document-diff";
import { InlineError } from "@/components/ui/inline-error";

/** What a failed save or delete says; a 409 (changed since loaded) comes with a way to reload. */
export function DocumentMutationError({ error, onReload }: { error: Error | null; onReload: () => void }) {
  if (!error) return null;
  if (error instanceof ApiError && error.status === 409 && error.code === "STALE_DOCUMENT") {
    return (
      <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-bad/40 bg-bad/5 p-3 text-sm">
        <p>
          <strong className="text-bad">Not saved: the document changed since you loaded it.</strong> Reload it to see the stored version (your edit is
          discarded), then apply the edit again.
        </p>
        <Button onClick={onReload}>
          <RefreshCw aria-hidden className="size-4" /> Reload document
        </Button>
      </div>
    );
  }
  return <InlineError className="rounded-md border border-bad/40 bg-bad/5 p-3">{error.message}</InlineError>;
}

/** The diff step before a save: the changes as a unified diff, then Save (Ctrl+S again saves too). */
export function DocumentReviewDialog({
  open,
  onClose,
  before,
  after,
  onSave,
  saving,
  error,
  onReload,
}: {
  open: boolean;
  onClose: () => void;
  before: string;
  after: string;
  onSave: () => void;
  saving: boolean;
  error: Error | null;
  onReload: () => void;
}) {
  const unchanged = before === after;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Review changes"
      description="Saving replaces the stored document, and only if nobody changed it since you loaded it."
      className="w-[min(64rem,calc(100vw-2rem))]"
    >
      <DocumentDiff before={before} after={after} />
      <DocumentMutationError error={error} onReload={onReload} />
      <DialogActions>
        <Button onClick={onClose}>Back to editing</Button>
        <Button variant="primary" onClick={onSave} disabled={unchanged || saving} autoFocus>
          {saving ? "Saving…" : "Save"} <kbd className="font-mono text-xs">Ctrl+S</kbd>
        </Button>
      </DialogActions>
    </Dialog>
  );
}
