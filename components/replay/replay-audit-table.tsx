import { SimpleTable, textCell } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatInstant } from "@/lib/replay/describe";
import type { AuditEntry } from "@/lib/schemas/audit";

const outcomeColors: Record<AuditEntry["outcome"], string> = { ok: "bg-ok", failed: "bg-bad", refused: "bg-amber-500" };

const isStructured = (value: unknown) => value !== null && typeof value === "object";

/** Plain details as name/value pairs on a line; objects (the spec, ranges) folded, opened on demand. */
function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <span className="text-muted">—</span>;
  const plain = entries.filter(([, value]) => !isStructured(value));
  const structured = entries.filter(([, value]) => isStructured(value));
  return (
    <div className="space-y-1">
      {plain.length > 0 && (
        <dl className="flex flex-wrap gap-x-3 gap-y-0.5">
          {plain.map(([name, value]) => (
            <div key={name} className="flex min-w-0 gap-1">
              <dt className="text-muted">{name}</dt>
              <dd className="break-all font-mono">{String(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {structured.map(([name, value]) => (
        <details key={name}>
          <summary className="cursor-pointer break-all text-muted">
            {name} <span className="font-mono">{JSON.stringify(value).slice(0, 80)}</span>
          </summary>
          <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded border border-line bg-canvas p-2 font-mono text-xs">
            {JSON.stringify(value, null, 2)}
          </pre>
        </details>
      ))}
    </div>
  );
}

/** Audit records, newest first, with their details as name = value pairs. */
export function ReplayAuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <SimpleTable columns={[{ label: "When" }, { label: "Who" }, { label: "Action" }, { label: "Outcome" }, { label: "Details" }]}>
      {entries.map((entry) => (
        <tr key={entry.id} className="border-t border-line align-top" data-testid="audit-row">
          <td className={`${textCell} whitespace-nowrap font-mono text-xs`}>{formatInstant(entry.at)}</td>
          <td className={`${textCell} font-mono text-xs`}>{entry.actor}</td>
          <td className={`${textCell} break-all font-mono text-xs`}>{entry.action}</td>
          <td className={textCell}>
            <span className="inline-flex items-center gap-1.5 text-xs">
              <span aria-hidden className={cn("size-2 rounded-full", outcomeColors[entry.outcome])} />
              {entry.outcome}
            </span>
          </td>
          <td className={`${textCell} min-w-0 max-w-xl text-xs`}>
            <AuditDetails details={entry.details} />
          </td>
        </tr>
      ))}
    </SimpleTable>
  );
}
