"use client";

import { Play, RotateCcw } from "lucide-react";
import { useId, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { parseEjsonDocument } from "@/lib/mongo/ejson";

export interface QueryInputs {
  filter: string;
  sort: string;
  projection: string;
}

const fields = [
  { key: "filter", label: "Filter", placeholder: '{"status": "rejected"}' },
  { key: "sort", label: "Sort", placeholder: '{"createdAt": -1}' },
  { key: "projection", label: "Projection", placeholder: '{"status": 1, "total": 1}' },
] as const;

/** The same check the server makes, so a typo shows before the query is sent. */
function problemOf(text: string, what: string): string | null {
  if (!text.trim()) return null;
  try {
    parseEjsonDocument(text, what);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Filter, sort and projection in Extended JSON, checked as you type; Ctrl+Enter (⌘+Enter) runs. */
export function DocumentQueryForm({ initial, onRun, running }: { initial: QueryInputs; onRun: (inputs: QueryInputs) => void; running: boolean }) {
  const id = useId();
  const [inputs, setInputs] = useState(initial);
  const problems = Object.fromEntries(fields.map((f) => [f.key, problemOf(inputs[f.key], f.key)])) as Record<keyof QueryInputs, string | null>;
  const valid = Object.values(problems).every((p) => p === null);
  const run = () => {
    if (valid) onRun(inputs);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  };

  return (
    <form
      aria-label="Query"
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        run();
      }}
    >
      <div className="grid gap-2 lg:grid-cols-[2fr_1fr_1fr]">
        {fields.map((field) => (
          <div key={field.key} className="min-w-0 space-y-1">
            <label htmlFor={`${id}-${field.key}`} className="text-xs font-medium text-muted">
              {field.label}
            </label>
            <textarea
              id={`${id}-${field.key}`}
              value={inputs[field.key]}
              onChange={(e) => setInputs({ ...inputs, [field.key]: e.target.value })}
              onKeyDown={onKeyDown}
              placeholder={field.placeholder}
              rows={field.key === "filter" ? 2 : 1}
              spellCheck={false}
              aria-invalid={problems[field.key] ? true : undefined}
              aria-describedby={problems[field.key] ? `${id}-${field.key}-problem` : undefined}
              className={cn(
                "block w-full resize-y rounded-md border bg-surface px-2 py-1.5 font-mono text-sm",
                problems[field.key] ? "border-bad" : "border-line",
              )}
            />
            {problems[field.key] && (
              <p id={`${id}-${field.key}-problem`} className="text-xs text-bad">
                {problems[field.key]}
              </p>
            )}
          </div>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="primary" disabled={!valid || running}>
          <Play aria-hidden className="size-4" /> Run
        </Button>
        <Button
          onClick={() => {
            const empty = { filter: "", sort: "", projection: "" };
            setInputs(empty);
            onRun(empty);
          }}
        >
          <RotateCcw aria-hidden className="size-4" /> Reset
        </Button>
        <span className="text-xs text-muted">Extended JSON, e.g. {'{"createdAt": {"$gt": {"$date": "2026-01-01T00:00:00Z"}}}'} · Ctrl+Enter runs</span>
      </div>
    </form>
  );
}
