"use client";

import { Trash2 } from "lucide-react";
import Link from "next/link";
import { useUrlState } from "@/lib/hooks/use-url-state";
import { useState } from "react";
import { useCan } from "@/components/auth/session";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { formatBytes, formatCount } from "@/lib/format";
import { useDatabases, useDropDatabase } from "@/lib/queries/mongo";
import type { DatabaseSummary } from "@/lib/schemas/mongo-browse";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";

const columns = [
  { label: "Database" },
  { label: "Collections", numeric: true },
  { label: "Data size", numeric: true },
  { label: "Size on disk", numeric: true },
];
const actionsColumn = { label: "Actions", numeric: true };

/** Every database with its sizes and collection count; MongoDB's own behind a checkbox; admins drop one after typing the name. */
export function DatabasesTable() {
  const { params, setUrlState } = useUrlState();
  const system = params.get("system") === "1";
  const { data, error, isPending, refetch } = useDatabases(system);
  const [dropping, setDropping] = useState<DatabaseSummary | null>(null);
  const drop = useDropDatabase();
  const canDrop = useCan("admin");

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={system} onChange={(e) => setUrlState({ system: e.target.checked ? "1" : null })} />
          Show admin, local and config
        </label>
        {data && <span className="text-muted">{data.databases.length.toLocaleString("en-US")} databases</span>}
      </div>
      <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what="databases">
        {data?.databases.length === 0 ? (
          <Card className="text-sm text-muted">No databases yet. A database appears once a collection is created in it (or a document inserted).</Card>
        ) : (
          <Card className="p-0">
            <SimpleTable columns={canDrop ? [...columns, actionsColumn] : columns}>
              {data?.databases.map((db) => (
                <tr key={db.name} className="border-t border-line hover:bg-canvas" data-testid="database-row">
                  <td className={textCell}>
                    <Link href={`/mongo/${encodeURIComponent(db.name)}`} className="font-mono text-accent hover:underline">
                      {db.name}
                    </Link>
                    {db.system && <span className="ml-2 rounded bg-canvas px-1.5 py-0.5 text-xs text-muted">system</span>}
                  </td>
                  <td className={numericCell}>{db.collections === null ? "—" : formatCount(db.collections)}</td>
                  <td className={numericCell}>{formatBytes(db.dataSize)}</td>
                  <td className={numericCell}>{formatBytes(db.sizeOnDisk)}</td>
                  {canDrop && (
                    <td className="px-3 py-1 text-right">
                      {!db.system && (
                        <button
                          type="button"
                          onClick={() => {
                            drop.reset();
                            setDropping(db);
                          }}
                          aria-label={`Drop database ${db.name}`}
                          className="rounded-md p-1 text-muted hover:bg-canvas hover:text-bad"
                        >
                          <Trash2 aria-hidden className="size-4" />
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </SimpleTable>
          </Card>
        )}
      </QueryState>
      {dropping && (
        <TypedConfirmDialog
          open
          onClose={() => setDropping(null)}
          title={`Drop database ${dropping.name}?`}
          name={dropping.name}
          action="Drop database"
          pending={drop.isPending}
          error={drop.error}
          onConfirm={(confirm) => drop.mutate({ db: dropping.name, confirm }, { onSuccess: () => setDropping(null) })}
          consequences={
            <p>
              Its {dropping.collections === null ? "" : <strong>{dropping.collections} </strong>}collection{dropping.collections === 1 ? "" : "s"}, their
              documents ({formatBytes(dropping.dataSize)}) and indexes are deleted for good. Services writing to it will create it again.
            </p>
          }
        />
      )}
      {system && canDrop && <p className="text-xs text-muted">MongoDB&apos;s own databases are shown but never dropped from here.</p>}
    </div>
  );
}
