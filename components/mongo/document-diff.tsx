import { diffLines } from "diff";
import { cn } from "@/lib/cn";

export type DiffRow = { kind: "context" | "removed" | "added"; text: string; oldLine?: number; newLine?: number } | { kind: "skipped"; count: number };

/** A compact unified diff of two texts by line: changes with `context` unchanged lines around them, the rest folded. */
export function unifiedDiff(before: string, after: string, context = 3): DiffRow[] {
  const lines: Array<{ kind: "context" | "removed" | "added"; text: string; oldLine?: number; newLine?: number }> = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffLines(before, after)) {
    const texts = part.value.replace(/\n$/, "").split("\n");
    for (const text of texts) {
      if (part.added) lines.push({ kind: "added", text, newLine: newLine++ });
      else if (part.removed) lines.push({ kind: "removed", text, oldLine: oldLine++ });
      else lines.push({ kind: "context", text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  const near = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.kind === "context") return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) near[j] = true;
  });
  const rows: DiffRow[] = [];
  let skipped = 0;
  lines.forEach((line, i) => {
    if (near[i]) {
      if (skipped > 0) rows.push({ kind: "skipped", count: skipped });
      skipped = 0;
      rows.push(line);
    } else skipped++;
  });
  if (skipped > 0 && rows.length > 0) rows.push({ kind: "skipped", count: skipped });
  return rows;
}

// Text stays ink-colored on the tints: green or red text on a green or red tint falls short of 4.5:1.
const rowStyles = {
  context: "text-muted",
  removed: "bg-bad/10",
  added: "bg-ok/10",
} as const;
const marks = { context: " ", removed: "−", added: "+" } as const;

/** The changes between the loaded and the edited document, as a unified diff with line numbers. */
export function DocumentDiff({ before, after }: { before: string; after: string }) {
  const rows = unifiedDiff(before, after);
  if (rows.length === 0) return <p className="text-sm text-muted">No changes.</p>;
  const added = rows.filter((r) => r.kind === "added").length;
  const removed = rows.filter((r) => r.kind === "removed").length;
  return (
    <div className="space-y-2">
      <p className="text-sm">
        <span className="text-ok">
          {added} line{added === 1 ? "" : "s"} added
        </span>
        , <span className="text-bad">{removed} removed</span>
      </p>
      <div className="max-h-[60vh] overflow-auto rounded-md border border-line bg-canvas" role="region" aria-label="Changes to the document" tabIndex={0}>
        <table className="w-full border-collapse font-mono text-xs">
          <tbody>
            {rows.map((row, i) =>
              row.kind === "skipped" ? (
                <tr key={i} className="text-muted">
                  <td colSpan={4} className="border-y border-line px-2 py-0.5 text-center italic">
                    {row.count} unchanged line{row.count === 1 ? "" : "s"}
                  </td>
                </tr>
              ) : (
                <tr key={i} className={cn(rowStyles[row.kind])}>
                  <td className="w-10 px-1 text-right text-muted tabular-nums select-none">{row.oldLine ?? ""}</td>
                  <td className="w-10 px-1 text-right text-muted tabular-nums select-none">{row.newLine ?? ""}</td>
                  <td className="w-4 text-center font-bold select-none" aria-label={row.kind === "context" ? undefined : row.kind}>
                    {marks[row.kind]}
                  </td>
                  <td className="pr-2 whitespace-pre">{row.text}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
