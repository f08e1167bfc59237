"use client";

import { Copy, Save, Trash2, Undo2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { RoleNote } from "@/components/auth/role-note";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { formatBytes } from "@/lib/format";
import { parseEjsonDocument } from "@/lib/mongo/ejson";
import { documentHref, newDocumentHref, useDocument, useInsertDocument, useSaveDocument } from "@/lib/queries/mongo-document";
import type { DocumentView } from "@/lib/schemas/mongo-document";
import { DocumentDeleteDialog } from "./document-delete-dialog";
import { ejsonProblem, JsonEditor, prettyEjson, withReadableDates } from "./document-json-editor";
import { DocumentMutationError, DocumentReviewDialog } from "./document-review-dialog";

const pretty = (value: unknown) => prettyEjson(withReadableDates(value));
const parseDocument = (text: string) => parseEjsonDocument(text, "The document");

/** The text as the diff and the save see it: reformatted, so indentation alone is no change. */
function normalized(text: string): string {
  try {
    return pretty(JSON.parse(text));
  } catch {
    return text;
  }
}

/** Calls `action` on Ctrl+S / Cmd+S anywhere on the page (instead of the browser's "save page"). */
function useSaveShortcut(action: () => void) {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        latest.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

function EditorStatus({ id, problem, note }: { id: string; problem: string | undefined; note: string }) {
  return (
    <p id={id} role={problem ? "alert" : "status"} className={problem ? "font-mono text-sm text-bad" : "text-sm text-muted"}>
      {problem ?? note}
    </p>
  );
}

function EditDocumentForm({
  db,
  collection,
  segment,
  loaded,
  onReload,
}: {
  db: string;
  collection: string;
  segment: string;
  loaded: DocumentView;
  onReload: () => void;
}) {
  const statusId = useId();
  const baseline = useMemo(() => pretty(loaded.document), [loaded.document]);
  const [text, setText] = useState(baseline);
  const [reviewing, setReviewing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const save = useSaveDocument(db, collection, segment);
  // Saving, duplicating (an insert) and deleting all need operator; below it the document is read-only.
  const canEdit = useCan("operator");
  const problem = useMemo(() => ejsonProblem(text, parseDocument), [text]);
  const after = normalized(text);
  const changed = after !== baseline;

  const reload = () => {
    setReviewing(false);
    save.reset();
    onReload();
  };
  const saveNow = () => save.mutate({ document: text, version: loaded.version }, { onSuccess: () => setReviewing(false) });
  useSaveShortcut(() => {
    if (!canEdit) return;
    if (reviewing) {
      if (changed && !save.isPending) saveNow();
    } else if (!problem && changed) setReviewing(true);
  });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="min-w-0 text-base font-semibold">
          Document <span className="font-mono break-all">{loaded.id}</span>
          <span className="ml-2 text-sm font-normal text-muted">
            {formatBytes(loaded.bytes)} · version <span className="font-mono">{loaded.version.slice(0, 8)}</span>
          </span>
        </h2>
        {canEdit && (
          <div className="flex gap-2">
            <Link
              href={newDocumentHref(db, collection, segment)}
              className="inline-flex items-center gap-1.5 rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-canvas"
            >
              <Copy aria-hidden className="size-4" /> Duplicate
            </Link>
            <Button variant="danger" onClick={() => setDeleting(true)}>
              <Trash2 aria-hidden className="size-4" /> Delete
            </Button>
          </div>
        )}
      </div>
      <Card className="space-y-3">
        <JsonEditor value={text} onChange={setText} label="Document as Extended JSON" describedBy={statusId} readOnly={!canEdit} />
        {canEdit ? (
          <div className="flex flex-wrap items-center justify-between gap-3">
            <EditorStatus
              id={statusId}
              problem={problem}
              note={
                changed
                  ? "Edited — review the changes to save them."
                  : "Extended JSON with every BSON type spelled out (dates as ISO text); types are kept on save."
              }
            />
            <div className="flex gap-2">
              <Button onClick={() => setText(baseline)} disabled={!changed}>
                <Undo2 aria-hidden className="size-4" /> Discard edits
              </Button>
              <Button variant="primary" onClick={() => setReviewing(true)} disabled={!!problem || !changed}>
                <Save aria-hidden className="size-4" /> Review and save <kbd className="font-mono text-xs">Ctrl+S</kbd>
              </Button>
            </div>
          </div>
        ) : (
          <RoleNote role="operator" what="Changing documents" />
        )}
        {canEdit && !reviewing && <DocumentMutationError error={save.error} onReload={reload} />}
      </Card>
      {canEdit && (
        <>
          <DocumentReviewDialog
            open={reviewing}
            onClose={() => setReviewing(false)}
            before={baseline}
            after={after}
            onSave={saveNow}
            saving={save.isPending}
            error={save.error}
            onReload={reload}
          />
          <DocumentDeleteDialog
            db={db}
            collection={collection}
            segment={segment}
            loaded={loaded}
            open={deleting}
            onClose={() => setDeleting(false)}
            onReload={reload}
          />
        </>
      )}
    </div>
  );
}

function NewDocumentForm({ db, collection, initialText, copyOf }: { db: string; collection: string; initialText: string; copyOf?: string }) {
  const router = useRouter();
  const statusId = useId();
  const [text, setText] = useState(initialText);
  const insert = useInsertDocument(db, collection);
  const problem = useMemo(() => ejsonProblem(text, parseDocument), [text]);
  const insertNow = () => {
    if (!problem && !insert.isPending) insert.mutate(text, { onSuccess: (created) => router.replace(documentHref(db, collection, created.id)) });
  };
  useSaveShortcut(insertNow);
  return (
    <div className="space-y-3">
      <h2 className="text-base font-semibold">
        {copyOf === undefined ? (
          "New document"
        ) : (
          <>
            Copy of <span className="font-mono break-all">{copyOf}</span>
          </>
        )}
        <span className="ml-2 text-sm font-normal text-muted">without an _id, MongoDB gives it a new ObjectId</span>
      </h2>
      <Card className="space-y-3">
        <JsonEditor value={text} onChange={setText} label="New document as Extended JSON" describedBy={statusId} />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <EditorStatus id={statusId} problem={problem} note="Valid Extended JSON." />
          <Button variant="primary" onClick={insertNow} disabled={!!problem || insert.isPending}>
            <Save aria-hidden className="size-4" /> {insert.isPending ? "Inserting…" : "Insert"} <kbd className="font-mono text-xs">Ctrl+S</kbd>
          </Button>
        </div>
        <DocumentMutationError error={insert.error} onReload={() => insert.reset()} />
      </Card>
    </div>
  );
}

/** The document page: view and edit one document (segment), or insert a new one ("new"), optionally as a copy of another. */
export function DocumentEditor({ db, collection, segment, copyOf }: { db: string; collection: string; segment: string; copyOf?: string }) {
  const isNew = segment === "new";
  const canInsert = useCan("operator");
  // A link to "new" opened by a viewer: say why there is no form instead of loading one that would be refused.
  const source = isNew && !canInsert ? undefined : isNew ? copyOf : segment;
  const query = useDocument(db, collection, source);
  if (isNew && !canInsert)
    return (
      <Card>
        <RoleNote role="operator" what="Inserting documents" />
      </Card>
    );
  if (isNew && copyOf === undefined) return <NewDocumentForm db={db} collection={collection} initialText={"{\n  \n}"} />;
  return (
    <QueryState isPending={query.isPending} error={query.error} retry={() => void query.refetch()} what="the document">
      {query.data &&
        (isNew ? (
          <NewDocumentForm
            db={db}
            collection={collection}
            copyOf={copyOf}
            initialText={pretty(Object.fromEntries(Object.entries(query.data.document).filter(([key]) => key !== "_id")))}
          />
        ) : (
          <EditDocumentForm
            key={query.data.version}
            db={db}
            collection={collection}
            segment={segment}
            loaded={query.data}
            onReload={() => void query.refetch()}
          />
        ))}
    </QueryState>
  );
}
