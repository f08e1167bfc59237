"use client";

import { ScrollText } from "lucide-react";
import { useUrlState } from "@/lib/hooks/use-url-state";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { auditFiltersFrom, auditFiltersQuery, auditPageSizes, isFiltered, type AuditFilters } from "@/lib/audit/filters";
import { useAuditEntries } from "@/lib/queries/audit";
import { AuditExportButton } from "./audit-export-button";
import { AuditFilterForm } from "./audit-filter-form";
import { AuditTable } from "./audit-table";
import { Select } from "@/components/ui/select";
import { StaleMarker } from "@/components/ui/stale-marker";
import { EmptyState } from "@/components/ui/empty-state";

function NoEntries({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  return filtered ? (
    <EmptyState icon={ScrollText} action={<Button onClick={onClear}>Clear the filters</Button>}>
      <p className="text-ink">No entries match these filters.</p>
    </EmptyState>
  ) : (
    <EmptyState icon={ScrollText}>
      <p className="max-w-2xl">
        Nothing recorded yet. Every sign-in and every change attempted through the console — allowed, refused or failed — is written here, with who did it and
        on what.
      </p>
    </EmptyState>
  );
}

/** The audit log: filters in the URL, entries newest first (refreshed every 10 s), a page size and an export of what the filters match. */
export function AuditLog() {
  const { params, replaceQuery } = useUrlState();
  const limitId = useId();
  const filters = auditFiltersFrom(params);
  const query = auditFiltersQuery(filters);
  const { data, error, isPending, refetch, isRefetchError, isFetching } = useAuditEntries(filters);
  const navigate = (next: AuditFilters) => replaceQuery(auditFiltersQuery(next));
  const entries = data?.entries ?? [];

  return (
    <div className="space-y-3">
      <Card>
        <AuditFilterForm key={query} filters={filters} onApply={navigate} />
        <p className="mt-2 text-xs text-muted">
          Actions match by prefix: dotted ones (<code className="font-mono">auth.signin</code>, <code className="font-mono">replay.</code>) and changes recorded
          by method and route (<code className="font-mono">POST /api/kafka</code>, <code className="font-mono">DELETE</code>).
        </p>
      </Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3 text-sm text-muted">
          {data && (
            <span aria-live="polite" data-testid="audit-count">
              {entries.length === filters.limit
                ? `The newest ${entries.length.toLocaleString("en-US")} entries`
                : `${entries.length.toLocaleString("en-US")} ${entries.length === 1 ? "entry" : "entries"}`}
              , newest first
              {isFetching && !isPending ? " · refreshing…" : ""}
            </span>
          )}
          <label htmlFor={limitId} className="flex items-center gap-2">
            Show
            <Select id={limitId} value={filters.limit} onChange={(e) => navigate({ ...filters, limit: Number(e.target.value) })}>
              {auditPageSizes.map((size) => (
                <option key={size} value={size}>
                  {size.toLocaleString("en-US")}
                </option>
              ))}
            </Select>
          </label>
        </div>
        <AuditExportButton filters={filters} />
      </div>
      <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what="the audit log">
        {data &&
          (entries.length === 0 ? (
            <NoEntries filtered={isFiltered(filters)} onClear={() => navigate({ ...filters, action: "", actor: "", target: "", outcome: "", since: "" })} />
          ) : (
            <Card className="p-0">
              <StaleMarker stale={isRefetchError} error={error} className="px-3 pt-2" />
              <AuditTable entries={entries} />
            </Card>
          ))}
      </QueryState>
    </div>
  );
}
