"use client";

import { PromQLExtension } from "@prometheus-io/codemirror-promql";
import CodeMirror, { EditorView, keymap, Prec } from "@uiw/react-codemirror";
import { useMemo } from "react";
import { apiPrefix } from "@/lib/api/client";

/**
 * A PromQL editor with highlighting, linting and autocompletion of metric names, labels,
 * label values and functions; completions come from the console's whitelisted proxy.
 * Ctrl/Cmd+Enter runs the query.
 */
export default function PromqlEditor({ value, onChange, onRun }: { value: string; onChange: (value: string) => void; onRun: () => void }) {
  const extensions = useMemo(() => {
    const promql = new PromQLExtension().setComplete({
      // The editor asks for `<url>/api/v1/labels` and the like: the proxy serves those under its prefix.
      remote: { url: apiPrefix("GET /api/prometheus/autocomplete/[...path]"), httpMethod: "GET" },
      maxMetricsMetadata: 10_000,
    });
    const run = Prec.highest(
      keymap.of([
        {
          key: "Mod-Enter",
          run: () => {
            onRun();
            return true;
          },
        },
      ]),
    );
    // The editable element is CodeMirror's own: it needs the accessible name itself.
    return [promql.asExtension(), run, EditorView.contentAttributes.of({ "aria-label": "PromQL query" })];
  }, [onRun]);
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      basicSetup={{ lineNumbers: false, foldGutter: false, highlightActiveLine: false }}
      className="overflow-hidden rounded-md border border-line text-sm [&_.cm-editor]:min-h-16 [&_.cm-editor.cm-focused]:outline-2 [&_.cm-editor.cm-focused]:outline-accent"
      theme="light"
    />
  );
}
