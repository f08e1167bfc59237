"use client";

import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { useDropIndex } from "@/lib/queries/mongo-document";
import type { IndexInfo } from "@/lib/schemas/mongo-document";
import { formatIndexKeys } from "./index-list";

/** Dropping an index: says what changes, and needs its name typed. */
export function IndexDropDialog({ db, collection, index, onClose }: { db: string; collection: string; index: IndexInfo | undefined; onClose: () => void }) {
  const drop = useDropIndex(db, collection);
  return (
    <TypedConfirmDialog
      open={index !== undefined}
      onClose={() => {
        drop.reset(); // a refusal is not shown again on the next opening
        onClose();
      }}
      title={`Drop index ${index?.name ?? ""}?`}
      description="The index is removed at once."
      name={index?.name ?? ""}
      consequences={
        index && (
          <ul className="list-disc space-y-1 pl-5">
            <li>
              Queries that used it on <span className="font-mono">{formatIndexKeys(index)}</span> scan the collection instead.
            </li>
            {index.unique && <li>Its uniqueness is no longer enforced: duplicates can be inserted.</li>}
            <li>Re-creating it later rebuilds it from every document.</li>
          </ul>
        )
      }
      action="Drop index"
      pending={drop.isPending}
      error={drop.error}
      onConfirm={(typed) => drop.mutate(typed, { onSuccess: onClose })}
    />
  );
}
