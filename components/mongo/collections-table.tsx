"use client";

import { Pencil, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useUrlState } from "@/lib/hooks/use-url-state";
import { useId, useState } from "react";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { formatBytes, formatCount } from "@/lib/format";
import { useCollections, useCreateCollection, useDropCollection, useRenameCollection } from "@/lib/queries/mongo";
import type { CollectionSummary } from "@/lib/schemas/mongo-browse";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { Input } from "@/components/ui/input";
import { InlineError } from "@/components/ui/inline-error";

const columns = [
  { label: "Collection" },
  { label: "Documents", numeric: true },
  { label: "Avg. document", numeric: true },
  { label: "Total size", numeric: true },
  { label: "Index size", numeric: true },
  { label: "Indexes", numeric: true },
];
const actionsColumn = { label: "Actions", numeric: true };

function DocumentCount({ collection, exact }: { collection: CollectionSummary; exact: boolean }) {
  if (exact && collection.exactCount !== undefined && collection.exactCount !== null) {
    return <span title="counted exactly">{collection.exactCount.toLocaleString("en-US")}</span>;
  }
  if (collection.estimatedCount === null) return <>—</>;
  return <span title="estimated from collection statistics">~{formatCount(collection.estimatedCount)}</span>;
}

function CreateCollection({ db }: { db: string }) {
  const id = useId();
  const [name, setName] = useState("");
  const create = useCreateCollection(db);
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) create.mutate(name.trim(), { onSuccess: () => setName("") });
      }}
    >
      <label htmlFor={id} className="text-sm text-muted">
        New collection
      </label>
      <Input id={id} value={name} onChange={(e) => setName(e.target.value)} placeholder="name" spellCheck={false} className="w-48 font-mono" />
      <Button type="submit" disabled={!name.trim() || create.isPending}>
        <Plus aria-hidden className="size-4" /> Create
      </Button>
      {create.error && <InlineError>{create.error.message}</InlineError>}
    </form>
  );
}

function RenameDialog({ db, collection, onClose }: { db: string; collection: string; onClose: () => void }) {
  const id = useId();
  const [to, setTo] = useState(collection);
  const rename = useRenameCollection(db);
  return (
    <Dialog open onClose={onClose} title={`Rename ${collection}`} description="Services still using the old name will write to a new, empty collection.">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          rename.mutate({ from: collection, to: to.trim() }, { onSuccess: onClose });
        }}
      >
        <div className="space-y-1">
          <label htmlFor={id} className="text-sm">
            New name
          </label>
          <Input id={id} value={to} onChange={(e) => setTo(e.target.value)} spellCheck={false} className="w-full font-mono" />
        </div>
        {rename.error && <InlineError>{rename.error.message}</InlineError>}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={!to.trim() || to.trim() === collection || rename.isPending}>
            {rename.isPending ? "Renaming…" : "Rename"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** A database's collections with counts (estimated; exact on request), sizes and indexes; create (operator), rename and drop (admin). */
export function CollectionsTable({ db }: { db: string }) {
  const { params, setUrlState } = useUrlState();
  const exact = params.get("exact") === "1";
  const { data, error, isPending, isFetching, refetch } = useCollections(db, exact);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dropping, setDropping] = useState<CollectionSummary | null>(null);
  const drop = useDropCollection(db);
  const canCreate = useCan("operator");
  const canChange = useCan("admin");
  const href = (name: string) => `/mongo/${encodeURIComponent(db)}/${encodeURIComponent(name)}`;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {canCreate ? <CreateCollection db={db} /> : <span />}
        <div className="flex items-center gap-3 text-sm">
          {data && <span className="text-muted">{data.collections.length} collections</span>}
          <Button onClick={() => setUrlState({ exact: exact ? null : "1" })} disabled={exact && isFetching}>
            {exact ? (isFetching ? "Counting…" : "Show estimates") : "Count exactly"}
          </Button>
        </div>
      </div>
      <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what="collections">
        {data?.collections.length === 0 ? (
          <Card className="text-sm text-muted">
            No collections in {db}.{" "}
            {canCreate ? "Create one above, or let a service write its first document." : "One appears once a service writes its first document."}
          </Card>
        ) : (
          <Card className="p-0">
            <SimpleTable columns={canChange ? [...columns, actionsColumn] : columns}>
              {data?.collections.map((c) => (
                <tr key={c.name} className="border-t border-line hover:bg-canvas" data-testid="collection-row">
                  <td className={textCell}>
                    <Link href={href(c.name)} className="font-mono text-accent hover:underline">
                      {c.name}
                    </Link>
                    {c.type !== "collection" && <span className="ml-2 rounded bg-canvas px-1.5 py-0.5 text-xs text-muted">{c.type}</span>}
                  </td>
                  <td className={numericCell}>
                    <DocumentCount collection={c} exact={exact} />
                  </td>
                  <td className={numericCell}>{formatBytes(c.avgDocumentSize)}</td>
                  <td className={numericCell}>{formatBytes(c.totalSize)}</td>
                  <td className={numericCell}>{formatBytes(c.indexSize)}</td>
                  <td className={numericCell}>
                    {c.indexCount === null ? (
                      "—"
                    ) : (
                      <Link href={`${href(c.name)}/indexes`} className="hover:underline">
                        {c.indexCount}
                      </Link>
                    )}
                  </td>
                  {canChange && (
                    <td className="px-3 py-1 text-right whitespace-nowrap">
                      <button
                        type="button"
                        onClick={() => setRenaming(c.name)}
                        aria-label={`Rename collection ${c.name}`}
                        className="rounded-md p-1 text-muted hover:bg-canvas hover:text-ink"
                      >
                        <Pencil aria-hidden className="size-4" />
                      </button>
                      <button
                        type="button"
                        onClick={() => {
                          drop.reset();
                          setDropping(c);
                        }}
                        aria-label={`Drop collection ${c.name}`}
                        className="rounded-md p-1 text-muted hover:bg-canvas hover:text-bad"
                      >
                        <Trash2 aria-hidden className="size-4" />
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </SimpleTable>
          </Card>
        )}
      </QueryState>
      {renaming && <RenameDialog db={db} collection={renaming} onClose={() => setRenaming(null)} />}
      {dropping && (
        <TypedConfirmDialog
          open
          onClose={() => setDropping(null)}
          title={`Drop collection ${db}.${dropping.name}?`}
          name={dropping.name}
          action="Drop collection"
          pending={drop.isPending}
          error={drop.error}
          onConfirm={(confirm) => drop.mutate({ collection: dropping.name, confirm }, { onSuccess: () => setDropping(null) })}
          consequences={
            <p>
              Its {dropping.estimatedCount === null ? "" : <strong>~{formatCount(dropping.estimatedCount)} </strong>}documents (
              {formatBytes(dropping.totalSize)}) and {dropping.indexCount ?? ""} index{dropping.indexCount === 1 ? "" : "es"} are deleted for good.
            </p>
          }
        />
      )}
    </div>
  );
}
