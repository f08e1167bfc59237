"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";
import { RoleNote } from "@/components/auth/role-note";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { formatBytes } from "@/lib/format";
import { useIndexes } from "@/lib/queries/mongo-document";
import type { IndexInfo } from "@/lib/schemas/mongo-document";
import { IndexCreateForm } from "./index-create-form";
import { IndexDropDialog } from "./index-drop-dialog";

const arrows: Record<string, string> = { "1": "↑", "-1": "↓" };

/** "status ↑, createdAt ↓" — an index's keys in order, types (text, hashed) spelled out. */
export function formatIndexKeys(index: IndexInfo): string {
  return index.keys.map((k) => `${k.field} ${arrows[String(k.direction)] ?? k.direction}`).join(", ");
}

function Badge({ children, title }: { children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className="rounded border border-line bg-canvas px-1.5 py-0.5 font-mono text-xs">
      {children}
    </span>
  );
}

function IndexOptions({ index }: { index: IndexInfo }) {
  const others = Object.entries(index.otherOptions);
  if (!index.unique && !index.sparse && index.expireAfterSeconds === undefined && !index.partialFilterExpression && others.length === 0) {
    return <span className="text-muted">—</span>;
  }
  return (
    <span className="flex flex-wrap gap-1">
      {index.unique && <Badge>unique</Badge>}
      {index.sparse && <Badge>sparse</Badge>}
      {index.expireAfterSeconds !== undefined && (
        <Badge title="Documents expire this long after the date in the key field">TTL {index.expireAfterSeconds} s</Badge>
      )}
      {index.partialFilterExpression && (
        <Badge title="Only documents matching this filter are indexed">partial {JSON.stringify(index.partialFilterExpression)}</Badge>
      )}
      {others.map(([key, value]) => (
        <Badge key={key}>
          {key}: {JSON.stringify(value)}
        </Badge>
      ))}
    </span>
  );
}

/** A collection's indexes (keys, options, size) with a create form (operator) and a drop dialog per index (admin). */
export function IndexList({ db, collection }: { db: string; collection: string }) {
  const query = useIndexes(db, collection);
  const [dropping, setDropping] = useState<IndexInfo>();
  const canCreate = useCan("operator");
  const canDrop = useCan("admin");
  return (
    <div className="space-y-4">
      <QueryState isPending={query.isPending} error={query.error} retry={() => void query.refetch()} what="the indexes">
        <Card className="overflow-x-auto p-0">
          <SimpleTable
            columns={[{ label: "Name" }, { label: "Keys" }, { label: "Options" }, { label: "Size", numeric: true }, ...(canDrop ? [{ label: "Actions" }] : [])]}
            className="[&_thead]:border-b [&_thead]:border-line [&_tbody_tr+tr]:border-t [&_tbody_tr+tr]:border-line"
          >
            {query.data?.indexes.map((index) => (
              <tr key={index.name}>
                <td className={`${textCell} font-mono`}>{index.name}</td>
                <td className={`${textCell} font-mono`}>{formatIndexKeys(index)}</td>
                <td className={textCell}>
                  <IndexOptions index={index} />
                </td>
                <td className={numericCell}>{index.size === undefined ? "—" : formatBytes(index.size)}</td>
                {canDrop && (
                  <td className={`${textCell} w-0 whitespace-nowrap`}>
                    {index.name === "_id_" ? (
                      <span className="text-xs text-muted">always kept</span>
                    ) : (
                      <Button variant="danger" className="px-2 py-1 text-xs" onClick={() => setDropping(index)} aria-label={`Drop index ${index.name}`}>
                        <Trash2 aria-hidden className="size-3.5" /> Drop
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </SimpleTable>
        </Card>
      </QueryState>
      {canCreate ? <IndexCreateForm db={db} collection={collection} /> : <RoleNote role="operator" what="Creating an index" />}
      {canDrop && <IndexDropDialog db={db} collection={collection} index={dropping} onClose={() => setDropping(undefined)} />}
    </div>
  );
}
