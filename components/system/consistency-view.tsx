"use client";

import { Play } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCan } from "@/components/auth/session";
import { ProgressBar } from "@/components/replay/progress-bar";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatCount } from "@/lib/format";
import { formatInstant } from "@/lib/replay/describe";
import { useConsistencyCheck, useConsistencyChecks, useStartConsistencyCheck } from "@/lib/queries/system";
import type { ConsistencyCheck, DeclaredCopy } from "@/lib/schemas/system";
import { ComparisonDetail } from "./copy-comparison";
import { InlineError } from "@/components/ui/inline-error";

const checkPercent = (c: ConsistencyCheck) => (c.state !== "running" ? 100 : c.progress.total ? (100 * c.progress.scanned) / c.progress.total : 0);

function StateText({ check }: { check: ConsistencyCheck }) {
  const tone = check.state === "failed" ? "text-bad" : check.state === "running" ? "text-accent" : "";
  return <span className={cn("font-medium", tone)}>{check.state}</span>;
}

function mismatchCount(c: ConsistencyCheck): number {
  return c.counts.stale + c.counts.diverged + c.counts.missing + c.counts.orphan;
}

function CopiesTable({ copies }: { copies: DeclaredCopy[] }) {
  const canRun = useCan("operator");
  const start = useStartConsistencyCheck();
  const router = useRouter();
  if (copies.length === 0) {
    return (
      <Card className="max-w-3xl space-y-2 text-sm">
        <h2 className="text-base font-semibold">No copies declared</h2>
        <p className="text-muted">
          Declare the data one service copies from another under <code className="font-mono">copies</code> in the system config (SYSTEM_CONFIG_FILE): the source
          and copy collections, the fields that must agree and the topic carrying the changes.
        </p>
      </Card>
    );
  }
  return (
    <Card className="overflow-x-auto p-0">
      <h2 className="px-4 pt-3 text-sm font-semibold">Declared copies</h2>
      <SimpleTable columns={[{ label: "Copy" }, { label: "Source" }, { label: "Copy kept by" }, { label: "Fields compared" }, { label: "" }]}>
        {copies.map((c) => (
          <tr key={c.name} className="border-t border-line">
            <td className={cn(textCell, "font-medium")}>{c.name}</td>
            <td className={cn(textCell, "font-mono text-xs")}>{c.source}</td>
            <td className={cn(textCell, "font-mono text-xs")}>{c.target}</td>
            <td className={cn(textCell, "font-mono text-xs")}>{c.fields.join(", ")}</td>
            <td className={cn(textCell, "text-right")}>
              {canRun ? (
                <Button
                  onClick={() => start.mutate(c.name, { onSuccess: ({ check }) => router.push(`/system/consistency/${check.id}`) })}
                  disabled={start.isPending}
                  aria-label={`Run a check of ${c.name}`}
                >
                  <Play aria-hidden className="size-4" /> Run check
                </Button>
              ) : (
                <span className="text-xs text-muted">operators can run checks</span>
              )}
            </td>
          </tr>
        ))}
      </SimpleTable>
      {start.error && <InlineError className="px-4 pb-3">{start.error.message}</InlineError>}
    </Card>
  );
}

function ChecksTable({ checks }: { checks: ConsistencyCheck[] }) {
  if (checks.length === 0) return <Card className="text-sm text-muted">No checks have run yet.</Card>;
  return (
    <Card className="overflow-x-auto p-0">
      <h2 className="px-4 pt-3 text-sm font-semibold">Recent checks</h2>
      <SimpleTable
        columns={[
          { label: "Check" },
          { label: "Copy" },
          { label: "State" },
          { label: "Progress" },
          { label: "Checked", numeric: true },
          { label: "Mismatches", numeric: true },
          { label: "Started" },
        ]}
      >
        {checks.map((c) => (
          <tr key={c.id} className="border-t border-line">
            <td className={cn(textCell, "font-mono text-xs")}>
              <Link href={`/system/consistency/${c.id}`} className="text-accent hover:underline">
                {c.id}
              </Link>
            </td>
            <td className={textCell}>{c.copy}</td>
            <td className={textCell}>
              <StateText check={c} />
            </td>
            <td className={cn(textCell, "w-40")}>
              <ProgressBar
                percent={checkPercent(c)}
                label={`${c.id} progress`}
                tone={c.state === "failed" ? "bad" : c.state === "completed" ? "ok" : "accent"}
              />
            </td>
            <td className={numericCell}>{formatCount(c.counts.checked)}</td>
            <td className={cn(numericCell, mismatchCount(c) > 0 && "font-semibold text-bad")}>{formatCount(mismatchCount(c))}</td>
            <td className={cn(textCell, "whitespace-nowrap text-xs text-muted")}>
              {formatInstant(c.startedAt)} by {c.createdBy}
            </td>
          </tr>
        ))}
      </SimpleTable>
    </Card>
  );
}

export function ConsistencyView() {
  const checks = useConsistencyChecks();
  return (
    <QueryState isPending={checks.isPending} error={checks.error} retry={() => void checks.refetch()} what="consistency checks">
      {checks.data && (
        <div className="space-y-4">
          <CopiesTable copies={checks.data.copies} />
          <ChecksTable checks={checks.data.checks} />
        </div>
      )}
    </QueryState>
  );
}

function Count({ label, value, bad }: { label: string; value: number; bad?: boolean }) {
  return (
    <div className="rounded-md border border-line px-3 py-2">
      <div className="text-xs text-muted">{label}</div>
      <div className={cn("font-mono text-lg tabular-nums", bad && value > 0 && "font-semibold text-bad")}>{formatCount(value)}</div>
    </div>
  );
}

export function ConsistencyCheckView({ id }: { id: string }) {
  const query = useConsistencyCheck(id);
  const check = query.data?.check;
  return (
    <QueryState isPending={query.isPending} error={query.error} retry={() => void query.refetch()} what="the check">
      {check && (
        <div className="space-y-4">
          <Card className="space-y-3">
            <p className="text-sm">
              <StateText check={check} /> · <strong>{check.copy}</strong>: <span className="font-mono text-xs">{check.target}</span> against{" "}
              <span className="font-mono text-xs">{check.source}</span> · started {formatInstant(check.startedAt)} by {check.createdBy}
              {check.finishedAt ? `, finished ${formatInstant(check.finishedAt)}` : ""}
            </p>
            <ProgressBar
              percent={checkPercent(check)}
              label="Check progress"
              tone={check.state === "failed" ? "bad" : check.state === "completed" ? "ok" : "accent"}
            />
            <p className="text-xs text-muted">
              {formatCount(check.progress.scanned)} of {formatCount(check.progress.total)} documents read (source, then copy); each mismatch is read again
              before it is reported.
            </p>
            <div className="grid grid-cols-3 gap-2 sm:grid-cols-6">
              <Count label="Checked" value={check.counts.checked} />
              <Count label="Consistent" value={check.counts.consistent} />
              <Count label="Stale" value={check.counts.stale} bad />
              <Count label="Diverged" value={check.counts.diverged} bad />
              <Count label="Missing" value={check.counts.missing} bad />
              <Count label="Orphan" value={check.counts.orphan} bad />
            </div>
            {check.error && <InlineError className={check.state === "failed" ? undefined : "text-muted"}>{check.error}</InlineError>}
          </Card>
          {check.state === "completed" && check.mismatches.length === 0 && <Card className="text-sm">Every copy agrees with its source.</Card>}
          {check.mismatches.length > 0 && (
            <Card className="space-y-1 p-0">
              <h2 className="px-4 pt-3 text-sm font-semibold">
                Mismatches
                {mismatchCount(check) > check.mismatches.length ? ` (the first ${check.mismatches.length} of ${formatCount(mismatchCount(check))})` : ""}
              </h2>
              <ul>
                {check.mismatches.map((m) => (
                  <li key={m.id} className="border-t border-line px-4 py-3">
                    <ComparisonDetail comparison={m} traceLink />
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </div>
      )}
    </QueryState>
  );
}
