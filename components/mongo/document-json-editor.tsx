"use client";

import { json } from "@codemirror/lang-json";
import CodeMirror, { EditorView, keymap, Prec, type KeyBinding } from "@uiw/react-codemirror";
import { useMemo, useSyncExternalStore } from "react";

const darkQuery = "(prefers-color-scheme: dark)";

function usePrefersDark(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const media = window.matchMedia(darkQuery);
      media.addEventListener("change", onChange);
      return () => media.removeEventListener("change", onChange);
    },
    () => window.matchMedia(darkQuery).matches,
    () => false,
  );
}

const consoleLook = EditorView.theme({
  "&": { fontSize: "13px", borderRadius: "0.375rem", border: "1px solid var(--color-line)" },
  "&.cm-focused": { outline: "2px solid var(--color-accent)", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.5" },
  ".cm-gutters": { borderTopLeftRadius: "0.375rem", borderBottomLeftRadius: "0.375rem" },
});

/**
 * A CodeMirror editor for Extended JSON: line numbers, bracket matching, folding, search.
 * It grows with its text and the page scrolls (a scrolling box of its own is one more
 * region keyboard users would have to reach).
 * `bindings` take precedence over the editor's own keys (Mod-Enter, Mod-s), and the content
 * carries `label` for screen readers.
 */
export function JsonEditor({
  value,
  onChange,
  label,
  bindings = [],
  minHeight = "12rem",
  describedBy,
  readOnly = false,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  bindings?: KeyBinding[];
  minHeight?: string;
  describedBy?: string;
  /** Shown, selectable and searchable, but not editable (for users who may not change documents). */
  readOnly?: boolean;
}) {
  const dark = usePrefersDark();
  const extensions = useMemo(
    () => [
      json(),
      consoleLook,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": label, ...(describedBy ? { "aria-describedby": describedBy } : {}) }),
      Prec.highest(keymap.of(bindings)),
    ],
    [label, describedBy, bindings],
  );
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      theme={dark ? "dark" : "light"}
      minHeight={minHeight}
      basicSetup={{ autocompletion: false, highlightActiveLine: true, foldGutter: true }}
      indentWithTab={false}
      readOnly={readOnly}
    />
  );
}

/** Where a 0-based offset falls in `text`, as 1-based line and column. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  return { line, column: position - before.lastIndexOf("\n") };
}

/** The problem with EJSON `text` as a person reads it (with line and column when the parser gives a position), or undefined. */
export function ejsonProblem(text: string, parse: (text: string) => unknown): string | undefined {
  try {
    parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = (error as { position?: unknown }).position;
    if (typeof position !== "number") return message;
    const { line, column } = lineAndColumn(text, position);
    return `${message} (line ${line}, column ${column})`;
  }
}

const isTypeWrapper = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === "object" &&
  !Array.isArray(value) &&
  Object.keys(value).length > 0 &&
  Object.keys(value).every((key) => key.startsWith("$"));

/**
 * Extended JSON indented by two spaces, with type wrappers on one line
 * (`"total": { "$numberDouble": "70.5" }` rather than three lines), so a document reads like one.
 */
export function prettyEjson(value: unknown, indent = ""): string {
  if (isTypeWrapper(value)) {
    const inline = JSON.stringify(value, null, 1).replace(/\n\s*/g, " ");
    if (inline.length <= 100) return inline;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = indent + "  ";
    return `[\n${value.map((item) => inner + prettyEjson(item, inner)).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const inner = indent + "  ";
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${prettyEjson(item, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

const maxReadableDate = Date.parse("9999-12-31T23:59:59.999Z");

/**
 * Canonical dates (`{"$date": {"$numberLong": "1770113700000"}}`) as ISO text (`{"$date": "2026-02-03T10:15:00.000Z"}`):
 * the same instant to the millisecond, so it parses back to the same BSON date, and a person can read it.
 * Dates before 1970 or after 9999 keep the canonical form, as Extended JSON prescribes.
 */
export function withReadableDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withReadableDates);
  if (value === null || typeof value !== "object") return value;
  const date = (value as { $date?: unknown }).$date;
  if (date !== undefined && Object.keys(value).length === 1) {
    const ms = Number((date as { $numberLong?: unknown }).$numberLong);
    return Number.isSafeInteger(ms) && ms >= 0 && ms <= maxReadableDate ? { $date: new Date(ms).toISOString() } : value;
  }
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withReadableDates(child)]));
}
