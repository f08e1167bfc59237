"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { formatBytes } from "@/lib/format";
import { collectionHref, useDeleteDocument } from "@/lib/queries/mongo-document";
import type { DocumentView } from "@/lib/schemas/mongo-document";
import { DocumentMutationError } from "./document-review-dialog";

/** Deleting one document: names it, and deletes only the version on screen (a changed document is a 409). */
export function DocumentDeleteDialog({
  db,
  collection,
  segment,
  loaded,
  open,
  onClose,
  onReload,
}: {
  db: string;
  collection: string;
  segment: string;
  loaded: DocumentView;
  open: boolean;
  onClose: () => void;
  onReload: () => void;
}) {
  const router = useRouter();
  const remove = useDeleteDocument(db, collection, segment);
  return (
    <Dialog open={open} onClose={onClose} title="Delete this document?" description="This cannot be undone.">
      <ul className="list-disc space-y-1 pl-5 text-sm">
        <li>
          The document <span className="rounded bg-canvas px-1 font-mono break-all">{loaded.id}</span> ({formatBytes(loaded.bytes)}) is deleted from{" "}
          <span className="font-mono">
            {db}.{collection}
          </span>
          .
        </li>
        <li>Only the version you are looking at: if it changed since you loaded it, nothing is deleted.</li>
      </ul>
      <DocumentMutationError
        error={remove.error}
        onReload={() => {
          onClose();
          onReload();
        }}
      />
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate(loaded.version, { onSuccess: () => router.push(collectionHref(db, collection)) })}
        >
          {remove.isPending ? "Deleting…" : "Delete document"}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
