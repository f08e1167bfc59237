"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { cn } from "@/lib/cn";
import { formatBytes } from "@/lib/format";
import type { DecodedPayload, PayloadSchema } from "@/lib/schemas/kafka-messages";

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

/** The page of the subject version a payload was decoded with. */
export function schemaHref(schema: PayloadSchema): string | undefined {
  if (!schema.subject) return undefined;
  return `/schemas/${encodeURIComponent(schema.subject)}${schema.version ? `?version=${schema.version}` : ""}`;
}

/** "Avro · orders-value v3 · id 12", linked to the schema's page. */
export function SchemaBadge({ schema }: { schema: PayloadSchema }) {
  const href = schemaHref(schema);
  const type = schema.type === "AVRO" ? "Avro" : schema.type === "PROTOBUF" ? "Protobuf" : "JSON Schema";
  const where = schema.subject ? `${schema.subject} v${schema.version}` : schema.name;
  const text = `${type} · ${where} · id ${schema.id}`;
  return href ? (
    <Link href={href} className="text-accent hover:underline" title={`Decoded with ${schema.name}`}>
      {text}
    </Link>
  ) : (
    <span title={`Decoded with ${schema.name}`}>{text}</span>
  );
}

type View = "tree" | "json" | "bytes";

/** A key, value or header in full: JSON as a collapsible tree (or raw), text as is, binary as hex; a value decoded with a schema says which, its bytes a click away. */
export function PayloadView({ payload, label }: { payload: DecodedPayload | null; label: string }) {
  const [view, setView] = useState<View>("tree");
  if (!payload) return <p className="text-sm text-muted italic">null</p>;
  const parsed = payload.encoding === "json" && view === "tree" ? (JSON.parse(payload.text) as unknown) : undefined;
  const views: View[] = payload.encoding === "json" ? (payload.raw ? ["tree", "json", "bytes"] : ["tree", "json"]) : [];
  const names: Record<View, string> = { tree: "Tree", json: "Raw", bytes: "Bytes" };
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
        <span className="rounded border border-line px-1.5 py-0.5 font-mono uppercase">{payload.encoding}</span>
        <span>{formatBytes(payload.size)}</span>
        {payload.schema && <SchemaBadge schema={payload.schema} />}
        {payload.truncated && <span>(only the beginning is shown)</span>}
        {views.length > 0 && (
          <span className="ml-auto flex gap-2" role="group" aria-label={`Show the ${label} as`}>
            {views.map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                className={cn("hover:underline", view === v ? "font-semibold text-ink" : "text-accent")}
                onClick={() => setView(v)}
                aria-label={`Show ${label} as ${v === "tree" ? "a tree" : v === "json" ? "raw JSON" : "its bytes in hex"}`}
              >
                {names[v]}
              </button>
            ))}
          </span>
        )}
      </div>
      {payload.schemaError && (
        <p role="note" className="rounded-md border border-warn/40 bg-warn/10 px-2 py-1 text-xs text-ink">
          Not decoded: {payload.schemaError}. The bytes are shown as written.
        </p>
      )}
      {payload.schema?.unions && view === "tree" && (
        <p className="text-xs text-muted">Union branches: {payload.schema.unions.map((u) => `${u.path} → ${u.branch}`).join(", ")}</p>
      )}
      <div className={cn("max-h-96 overflow-auto rounded-md border border-line bg-canvas p-2 font-mono text-xs leading-5")}>
        {parsed !== undefined ? (
          <JsonNode value={parsed} depth={0} />
        ) : (
          <pre className="break-all whitespace-pre-wrap">
            {view === "bytes" && payload.raw
              ? hexPairs(payload.raw)
              : payload.encoding === "binary"
                ? hexPairs(payload.text)
                : payload.encoding === "json"
                  ? prettyJson(payload.text)
                  : payload.text}
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
