"use client";

import { useState, type ReactNode } from "react";
import { cn } from "@/lib/cn";
import { formatBytes } from "@/lib/format";
import type { DecodedPayload } from "@/lib/schemas/kafka-messages";

/** One line of a payload for a table cell: compact JSON, text, or hex. */
export function payloadPreview(payload: DecodedPayload | null, length = 160): string {
  if (!payload) return "";
  const text = payload.encoding === "binary" ? hexPairs(payload.text.slice(0, length)) : payload.text.replace(/\s+/g, " ");
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

function hexPairs(hex: string): string {
  return hex.replace(/(..)(?=.)/g, "$1 ");
}

function JsonBranch({
  label,
  entries,
  isArray,
  depth,
}: {
  label: ReactNode;
  entries: ReadonlyArray<readonly [string, unknown]>;
  isArray: boolean;
  depth: number;
}) {
  // Open to a useful depth; deeper levels (and what the reader closes) show a count instead.
  const [open, setOpen] = useState(depth < 4);
  const [start, end] = isArray ? ["[", "]"] : ["{", "}"];
  const noun = isArray ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "field" : "fields";
  return (
    <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer select-none marker:text-muted">
        {label}
        {start}
        {!open && (
          <span className="text-muted">
            {" "}
            {entries.length} {noun} {end}
          </span>
        )}
      </summary>
      {open && (
        <>
          <div className="ml-2 border-l border-line pl-3">
            {entries.map(([key, item]) => (
              <JsonNode key={key} name={isArray ? undefined : key} value={item} depth={depth + 1} />
            ))}
          </div>
          <div>{end}</div>
        </>
      )}
    </details>
  );
}

function JsonNode({ name, value, depth }: { name?: string; value: unknown; depth: number }) {
  const label = name !== undefined && <span className="text-muted">{name}: </span>;
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) {
      return (
        <div>
          {label}
          {open}
          {close}
        </div>
      );
    }
    return <JsonBranch label={label} entries={entries} isArray={Array.isArray(value)} depth={depth} />;
  }
  const color = typeof value === "string" ? "text-ok" : typeof value === "number" ? "text-accent" : "text-bad";
  return (
    <div className="break-all">
      {label}
      <span className={color}>{JSON.stringify(value)}</span>
    </div>
  );
}

/** A key, value or header in full: JSON as a collapsible tree (or raw), text as is, binary as hex. */
export function PayloadView({ payload, label }: { payload: DecodedPayload | null; label: string }) {
  const [raw, setRaw] = useState(false);
  if (!payload) return <p className="text-sm text-muted italic">null</p>;
  const parsed = payload.encoding === "json" && !raw ? (JSON.parse(payload.text) as unknown) : undefined;
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2 text-xs text-muted">
        <span className="rounded border border-line px-1.5 py-0.5 font-mono uppercase">{payload.encoding}</span>
        <span>{formatBytes(payload.size)}</span>
        {payload.truncated && <span>(only the beginning is shown)</span>}
        {payload.encoding === "json" && (
          <button
            type="button"
            className="ml-auto text-accent hover:underline"
            onClick={() => setRaw(!raw)}
            aria-label={`Show ${label} as ${raw ? "a tree" : "raw JSON"}`}
          >
            {raw ? "Tree" : "Raw"}
          </button>
        )}
      </div>
      <div className={cn("max-h-96 overflow-auto rounded-md border border-line bg-canvas p-2 font-mono text-xs leading-5")}>
        {parsed !== undefined ? (
          <JsonNode value={parsed} depth={0} />
        ) : (
          <pre className="break-all whitespace-pre-wrap">
            {payload.encoding === "binary" ? hexPairs(payload.text) : payload.encoding === "json" ? prettyJson(payload.text) : payload.text}
          </pre>
        )}
      </div>
    </div>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
