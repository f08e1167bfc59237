"use client";

import { Plus, X } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { parseEjsonDocument } from "@/lib/mongo/ejson";
import { useCreateIndex } from "@/lib/queries/mongo-document";
import type { CreateIndexInput, CreateIndexResult, IndexDirection } from "@/lib/schemas/mongo-document";
import { ejsonProblem } from "./document-json-editor";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { InlineError } from "@/components/ui/inline-error";

const directions: Array<{ value: string; label: string }> = [
  { value: "1", label: "1 ascending" },
  { value: "-1", label: "-1 descending" },
  { value: "text", label: "text" },
  { value: "hashed", label: "hashed" },
  { value: "2dsphere", label: "2dsphere" },
];

const toDirection = (value: string): IndexDirection => (value === "1" ? 1 : value === "-1" ? -1 : (value as IndexDirection));

function FieldRows({
  rows,
  onChange,
}: {
  rows: Array<{ field: string; direction: string }>;
  onChange: (rows: Array<{ field: string; direction: string }>) => void;
}) {
  const id = useId();
  return (
    <div className="space-y-2">
      {rows.map((row, i) => (
        <div key={i} className="flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor={`${id}-f${i}`}>
            Field {i + 1}
          </label>
          <Input
            id={`${id}-f${i}`}
            value={row.field}
            placeholder="field, e.g. status or customer.id"
            onChange={(e) => onChange(rows.map((r, j) => (j === i ? { ...r, field: e.target.value } : r)))}
            className="min-w-56 flex-1 font-mono"
            spellCheck={false}
          />
          <label className="sr-only" htmlFor={`${id}-d${i}`}>
            Direction of field {i + 1}
          </label>
          <Select id={`${id}-d${i}`} value={row.direction} onChange={(e) => onChange(rows.map((r, j) => (j === i ? { ...r, direction: e.target.value } : r)))}>
            {directions.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </Select>
          {rows.length > 1 && (
            <Button className="px-2" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove field ${i + 1}`}>
              <X aria-hidden className="size-4" />
            </Button>
          )}
        </div>
      ))}
      <Button onClick={() => onChange([...rows, { field: "", direction: "1" }])}>
        <Plus aria-hidden className="size-4" /> Add field
      </Button>
    </div>
  );
}

function CreateOutcome({ result, error }: { result: CreateIndexResult | undefined; error: Error | null }) {
  if (error) {
    return <InlineError className="rounded-md border border-bad/40 bg-bad/5 p-3 font-mono">{error.message}</InlineError>;
  }
  if (!result) return null;
  return (
    <div role="status" className="space-y-1 text-sm">
      <p>
        Created index <span className="font-mono font-semibold">{result.index.name}</span>.
      </p>
      {result.warnings.map((warning) => (
        <p key={warning} className="rounded-md border border-line bg-canvas p-2">
          <strong>Note:</strong> {warning}.
        </p>
      ))}
    </div>
  );
}

/** Creating an index: keys as fields with directions or as Extended JSON; unique, sparse, TTL, partial filter. */
export function IndexCreateForm({ db, collection }: { db: string; collection: string }) {
  const id = useId();
  const create = useCreateIndex(db, collection);
  const [mode, setMode] = useState<"fields" | "ejson">("fields");
  const [rows, setRows] = useState([{ field: "", direction: "1" }]);
  const [keysText, setKeysText] = useState('{"status": 1, "createdAt": -1}');
  const [name, setName] = useState("");
  const [unique, setUnique] = useState(false);
  const [sparse, setSparse] = useState(false);
  const [ttl, setTtl] = useState("");
  const [partial, setPartial] = useState("");

  const keysProblem = mode === "ejson" ? ejsonProblem(keysText, (t) => parseEjsonDocument(t, "The keys")) : undefined;
  const blankField = mode === "fields" && rows.some((r) => !r.field.trim());
  const partialProblem = partial.trim() ? ejsonProblem(partial, (t) => parseEjsonDocument(t, "The partial filter")) : undefined;
  const ttlProblem = ttl.trim() && !/^\d+$/.test(ttl.trim()) ? "TTL is a whole number of seconds." : undefined;
  const problem = keysProblem ?? partialProblem ?? ttlProblem;

  const submit = () => {
    const input: CreateIndexInput = {
      keys: mode === "ejson" ? keysText : rows.map((r) => ({ field: r.field.trim(), direction: toDirection(r.direction) })),
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(unique ? { unique } : {}),
      ...(sparse ? { sparse } : {}),
      ...(ttl.trim() ? { expireAfterSeconds: Number(ttl.trim()) } : {}),
      ...(partial.trim() ? { partialFilterExpression: partial } : {}),
    };
    create.mutate(input);
  };

  return (
    <Card>
      <form
        className="space-y-4"
        aria-labelledby={`${id}-title`}
        onSubmit={(event) => {
          event.preventDefault();
          if (!problem && !blankField) submit();
        }}
      >
        <h2 id={`${id}-title`} className="text-sm font-semibold">
          Create an index
        </h2>
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm">Keys</legend>
          <div className="flex gap-4 text-sm">
            <label className="flex items-center gap-1.5">
              <input type="radio" name={`${id}-mode`} checked={mode === "fields"} onChange={() => setMode("fields")} /> Fields and directions
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" name={`${id}-mode`} checked={mode === "ejson"} onChange={() => setMode("ejson")} /> Extended JSON
            </label>
          </div>
          {mode === "fields" ? (
            <FieldRows rows={rows} onChange={setRows} />
          ) : (
            <>
              <label htmlFor={`${id}-keys`} className="sr-only">
                Index keys as Extended JSON
              </label>
              <Textarea
                id={`${id}-keys`}
                value={keysText}
                onChange={(e) => setKeysText(e.target.value)}
                rows={2}
                spellCheck={false}
                className="w-full font-mono"
              />
            </>
          )}
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor={`${id}-name`} className="text-sm">
              Name <span className="text-muted">(optional; made from the keys)</span>
            </label>
            <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} className="w-full font-mono" />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-ttl`} className="text-sm">
              TTL in seconds <span className="text-muted">(optional; on a date field)</span>
            </label>
            <Input id={`${id}-ttl`} value={ttl} onChange={(e) => setTtl(e.target.value)} inputMode="numeric" className="w-full font-mono tabular-nums" />
          </div>
          <div className="space-y-1 sm:col-span-2">
            <label htmlFor={`${id}-partial`} className="text-sm">
              Partial filter <span className="text-muted">(optional Extended JSON; only matching documents are indexed)</span>
            </label>
            <Input
              id={`${id}-partial`}
              value={partial}
              onChange={(e) => setPartial(e.target.value)}
              placeholder='{"status": "rejected"}'
              spellCheck={false}
              className="w-full font-mono"
            />
          </div>
          <div className="flex gap-4 text-sm">
            <label className="flex items-center gap-1.5">
              <input type="checkbox" checked={unique} onChange={(e) => setUnique(e.target.checked)} /> Unique
            </label>
            <label className="flex items-center gap-1.5">
              <input type="checkbox" checked={sparse} onChange={(e) => setSparse(e.target.checked)} /> Sparse
            </label>
          </div>
        </div>
        {problem && <InlineError className="font-mono">{problem}</InlineError>}
        <CreateOutcome result={create.data} error={create.error} />
        <div className="flex justify-end">
          <Button type="submit" variant="primary" disabled={!!problem || blankField || create.isPending}>
            {create.isPending ? "Creating…" : "Create index"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
