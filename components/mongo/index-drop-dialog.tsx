"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useDropIndex } from "@/lib/queries/mongo-document";
import type { IndexInfo } from "@/lib/schemas/mongo-document";
import { formatIndexKeys, inputClass } from "./index-list";

function DropIndexForm({ db, collection, index, onDone }: { db: string; collection: string; index: IndexInfo; onDone: () => void }) {
  const id = useId();
  const [typed, setTyped] = useState("");
  const drop = useDropIndex(db, collection);
  const confirmed = typed === index.name;
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (confirmed) drop.mutate(index.name, { onSuccess: onDone });
      }}
    >
      <ul className="list-disc space-y-1 pl-5 text-sm">
        <li>
          Queries that used it on <span className="font-mono">{formatIndexKeys(index)}</span> scan the collection instead.
        </li>
        {index.unique && <li>Its uniqueness is no longer enforced: duplicates can be inserted.</li>}
        <li>Re-creating it later rebuilds it from every document.</li>
      </ul>
      <div className="space-y-1">
        <label htmlFor={id} className="text-sm">
          Type <span className="rounded bg-canvas px-1 font-mono font-semibold select-all">{index.name}</span> to confirm
        </label>
        <input id={id} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} className={`${inputClass} w-full font-mono`} />
      </div>
      {drop.error && (
        <p role="alert" className="text-sm text-bad">
          {drop.error.message}
        </p>
      )}
      <DialogActions>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="danger" disabled={!confirmed || drop.isPending}>
          {drop.isPending ? "Dropping…" : "Drop index"}
        </Button>
      </DialogActions>
    </form>
  );
}

/** Dropping an index: says what changes, and needs its name typed. */
export function IndexDropDialog({ db, collection, index, onClose }: { db: string; collection: string; index: IndexInfo | undefined; onClose: () => void }) {
  return (
    <Dialog open={index !== undefined} onClose={onClose} title={`Drop index ${index?.name ?? ""}?`} description="The index is removed at once.">
      {index && <DropIndexForm db={db} collection={collection} index={index} onDone={onClose} />}
    </Dialog>
  );
}
