"use client";

import { ChevronLeft, ChevronRight, ChevronsLeft, FilePlus2 } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { cn } from "@/lib/cn";
import { encodeDocumentId } from "@/lib/mongo/id";
import { documentHref, newDocumentHref } from "@/lib/queries/mongo-document";
import { useDocumentsPage, type DocumentsQueryInput } from "@/lib/queries/mongo";
import { defaultPageSize, type DocumentsPage } from "@/lib/schemas/mongo-browse";
import { DocumentQueryForm, type QueryInputs } from "./document-query-form";
import { cellText, documentText, fromCanonical, startAtFromInput } from "./ejson-text";
import { ExportImport } from "./export-import";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { InlineError } from "@/components/ui/inline-error";

const pageSizes = [20, 50, 100, 200];

const numericTypes = new Set(["Int32", "Double", "Long", "Decimal128"]);
const isNumber = (value: unknown) => typeof value === "number" || numericTypes.has((value as { _bsontype?: string } | null)?._bsontype ?? "");

function DocumentsTable({ page, db, collection }: { page: DocumentsPage; db: string; collection: string }) {
  const docs = useMemo(() => page.documents.map(fromCanonical), [page]);
  return (
    <div className="max-h-[calc(100vh-20rem)] min-h-40 overflow-auto">
      <table className="w-full text-sm">
        <thead className="sticky top-0 z-10 bg-surface shadow-[0_1px_0_var(--color-line)]">
          <tr>
            {page.columns.map((column) => (
              <th key={column} scope="col" className="px-3 py-2 text-left font-mono font-medium whitespace-nowrap text-muted">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {docs.map((doc, i) => {
            const href = documentHref(db, collection, encodeDocumentId(doc._id));
            return (
              <tr key={i} className="border-t border-line align-top hover:bg-canvas" data-testid="document-row">
                {page.columns.map((column) => (
                  <td key={column} className={cn("max-w-60 truncate px-3 py-1.5 font-mono text-xs", isNumber(doc[column]) && "text-right tabular-nums")}>
                    {column === "_id" ? (
                      <Link href={href} className="text-accent hover:underline">
                        {cellText(doc._id)}
                      </Link>
                    ) : (
                      <span title={cellText(doc[column], 2_000)}>{cellText(doc[column])}</span>
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function DocumentsJson({ page, db, collection }: { page: DocumentsPage; db: string; collection: string }) {
  const docs = useMemo(() => page.documents.map(fromCanonical), [page]);
  return (
    <ol className="max-h-[calc(100vh-20rem)] divide-y divide-line overflow-auto">
      {docs.map((doc, i) => (
        <li key={i} className="px-4 py-2" data-testid="document-json">
          <Link href={documentHref(db, collection, encodeDocumentId(doc._id))} className="font-mono text-xs text-accent hover:underline">
            Open {cellText(doc._id)}
          </Link>
          <pre className="mt-1 overflow-x-auto font-mono text-xs leading-5">{documentText(doc)}</pre>
        </li>
      ))}
    </ol>
  );
}

function JumpToId({ onJump }: { onJump: (startAt: string) => void }) {
  const id = useId();
  const [text, setText] = useState("");
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onJump(startAtFromInput(text));
      }}
    >
      <label htmlFor={id} className="text-sm text-muted">
        Jump to _id
      </label>
      <Input id={id} value={text} onChange={(e) => setText(e.target.value)} placeholder="hex, string or EJSON" spellCheck={false} className="w-64 font-mono" />
      <Button type="submit" disabled={!text.trim()}>
        Go
      </Button>
    </form>
  );
}

function TotalLine({ page, onExact, counting }: { page: DocumentsPage; onExact: () => void; counting: boolean }) {
  const { count, estimated } = page.total;
  return (
    <span className="flex items-center gap-2 text-sm text-muted" data-testid="documents-total">
      {count === null
        ? "Total unknown under a filter"
        : estimated
          ? `~${count.toLocaleString("en-US")} documents (estimated)`
          : `${count.toLocaleString("en-US")} documents`}
      {estimated && (
        <Button onClick={onExact} disabled={counting} className="px-2 py-0.5 text-xs">
          {counting ? "Counting…" : "Exact count"}
        </Button>
      )}
    </span>
  );
}

/** A collection's documents: query form, keyset pages (next, previous, jump to _id), table or JSON view, export and import. */
export function DocumentsView({ db, collection }: { db: string; collection: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const limit = Number(params.get("limit")) || defaultPageSize;
  const query: DocumentsQueryInput = {
    filter: params.get("filter") ?? "",
    sort: params.get("sort") ?? "",
    projection: params.get("projection") ?? "",
    limit,
    after: params.get("after") ?? undefined,
    before: params.get("before") ?? undefined,
    startAt: params.get("startAt") ?? undefined,
    exact: params.get("exact") === "1",
  };
  const view = params.get("view") === "json" ? "json" : "table";
  const pageNumber = Number(params.get("p")) || 1;
  const { data, error, isPending, isFetching, refetch } = useDocumentsPage(db, collection, query);
  const canInsert = useCan("operator");

  const navigate = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === "") next.delete(key);
      else next.set(key, value);
    }
    router.push(`${pathname}?${next.toString()}`, { scroll: false });
  };
  const restart = { after: null, before: null, startAt: null, p: null, exact: null };
  const run = (inputs: QueryInputs) => navigate({ ...inputs, ...restart });

  return (
    <div className="space-y-3">
      <Card className="space-y-2">
        <DocumentQueryForm key={`${query.filter}\u0000${query.sort}\u0000${query.projection}`} initial={query} onRun={run} running={isFetching} />
      </Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <div role="group" aria-label="View" className="inline-flex overflow-hidden rounded-md border border-line text-sm">
            {(["table", "json"] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => navigate({ view: v === "table" ? null : v })}
                className={cn("px-3 py-1", view === v ? "bg-accent text-white" : "bg-surface hover:bg-canvas")}
              >
                {v === "table" ? "Table" : "JSON"}
              </button>
            ))}
          </div>
          {data && <TotalLine page={data} onExact={() => navigate({ exact: "1" })} counting={query.exact && isFetching} />}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canInsert && (
            <Link
              href={newDocumentHref(db, collection)}
              className="inline-flex items-center gap-1.5 rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-canvas"
            >
              <FilePlus2 aria-hidden className="size-4" /> New document
            </Link>
          )}
          <ExportImport db={db} collection={collection} query={query} total={data?.total.count ?? null} />
        </div>
      </div>
      <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what="documents">
        {data && (
          <Card className="p-0" aria-busy={isFetching}>
            {error && <InlineError className="border-b border-line px-4 py-2">{error.message}</InlineError>}
            {data.documents.length === 0 ? (
              <p className="p-4 text-sm text-muted">
                {query.filter
                  ? "No document matches this filter. Loosen it, or reset the query."
                  : query.after || query.before
                    ? "No more documents this way."
                    : canInsert
                      ? "This collection is empty. Insert a document or import JSON lines."
                      : "This collection is empty."}
              </p>
            ) : view === "json" ? (
              <DocumentsJson page={data} db={db} collection={collection} />
            ) : (
              <DocumentsTable page={data} db={db} collection={collection} />
            )}
          </Card>
        )}
      </QueryState>
      {data && (
        <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-2">
            <Button onClick={() => navigate(restart)} disabled={!data.previous && pageNumber === 1 && !query.startAt} aria-label="First page">
              <ChevronsLeft aria-hidden className="size-4" />
            </Button>
            <Button
              onClick={() => navigate({ ...restart, before: data.previous, p: String(Math.max(1, pageNumber - 1)) })}
              disabled={!data.previous || isFetching}
            >
              <ChevronLeft aria-hidden className="size-4" /> Previous
            </Button>
            <span className="px-1 text-sm text-muted tabular-nums" data-testid="page-number">
              {query.startAt ? `From ${query.startAt}` : `Page ${pageNumber.toLocaleString("en-US")}`}
            </span>
            <Button onClick={() => navigate({ ...restart, after: data.next, p: String(pageNumber + 1) })} disabled={!data.next || isFetching}>
              Next <ChevronRight aria-hidden className="size-4" />
            </Button>
            <label className="ml-2 flex items-center gap-2 text-sm text-muted">
              Per page
              <Select value={limit} onChange={(e) => navigate({ ...restart, limit: e.target.value === String(defaultPageSize) ? null : e.target.value })}>
                {pageSizes.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </Select>
            </label>
          </div>
          <JumpToId onJump={(startAt) => navigate({ ...restart, startAt })} />
        </nav>
      )}
    </div>
  );
}
