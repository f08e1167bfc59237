"use client";

import { diffLines } from "diff";
import { useMemo } from "react";
import { Select } from "@/components/ui/select";
import type { SubjectVersionDetail } from "@/lib/schemas/schema-registry";
import { readableSchema } from "./schema-text";

/** Two versions of a subject side by side as one line diff: removed lines red, added green. */
export function SchemaDiff({
  versions,
  from,
  to,
  onChange,
}: {
  versions: SubjectVersionDetail[];
  from: number;
  to: number;
  onChange: (next: { from: number; to: number }) => void;
}) {
  const older = versions.find((v) => v.version === from) ?? versions[0]!;
  const newer = versions.find((v) => v.version === to) ?? versions.at(-1)!;
  const parts = useMemo(() => diffLines(readableSchema(older.type, older.schema), readableSchema(newer.type, newer.schema)), [older, newer]);
  const added = parts.filter((p) => p.added).reduce((n, p) => n + (p.count ?? 0), 0);
  const removed = parts.filter((p) => p.removed).reduce((n, p) => n + (p.count ?? 0), 0);
  const picker = (label: string, value: number, key: "from" | "to") => (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-muted">{label}</span>
      <Select value={value} onChange={(e) => onChange({ from, to, [key]: Number(e.target.value) })} className="py-1">
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version} (id {v.id})
          </option>
        ))}
      </Select>
    </label>
  );
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        {picker("Compare", older.version, "from")}
        {picker("with", newer.version, "to")}
        <span className="text-xs text-muted" role="status">
          {added === 0 && removed === 0 ? "The two versions are the same text." : `${added} line${added === 1 ? "" : "s"} added, ${removed} removed`}
        </span>
      </div>
      <pre
        tabIndex={0}
        className="max-h-[28rem] overflow-auto rounded-md border border-line bg-canvas p-2 font-mono text-xs leading-5"
        aria-label={`Diff of v${older.version} and v${newer.version}`}
      >
        {parts.map((part, i) =>
          part.value
            .replace(/\n$/, "")
            .split("\n")
            .map((line, j) => (
              <div
                key={`${i}-${j}`}
                data-change={part.added ? "added" : part.removed ? "removed" : undefined}
                className={part.added ? "bg-ok/15" : part.removed ? "bg-bad/15" : undefined}
              >
                {part.added ? "+ " : part.removed ? "- " : "  "}
                {line}
              </div>
            )),
        )}
      </pre>
    </div>
  );
}
