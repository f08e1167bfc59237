"use client";

import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { QueryState } from "@/components/ui/query-state";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { useUrlState } from "@/lib/hooks/use-url-state";
import { useSubjects } from "@/lib/queries/schemas";
import type { SchemaTypeName } from "@/lib/schemas/schema-registry";

const columns = [
  { label: "Subject" },
  { label: "Type" },
  { label: "Latest", numeric: true },
  { label: "Id", numeric: true },
  { label: "Compatibility" },
  { label: "Topic" },
];

export const schemaTypeLabel: Record<SchemaTypeName, string> = { AVRO: "Avro", PROTOBUF: "Protobuf", JSON: "JSON Schema" };

/** The registry's subjects with their latest version, type, level and topic; the filter lives in the URL. */
export function SubjectsTable() {
  const { data, error, isPending, refetch } = useSubjects();
  const { params, setUrlState } = useUrlState();
  const filter = params.get("q") ?? "";
  const shown = (data?.subjects ?? []).filter((s) => `${s.subject} ${s.name ?? ""}`.toLowerCase().includes(filter.toLowerCase()));
  return (
    <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what="the Schema Registry's subjects">
      {data && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <label className="flex items-center gap-2 text-sm">
              <span className="text-muted">Filter</span>
              <Input
                type="search"
                value={filter}
                onChange={(e) => setUrlState({ q: e.target.value })}
                placeholder="subject or record name"
                className="w-64 py-1"
              />
            </label>
            <p className="text-xs text-muted">
              {shown.length} of {data.subjects.length} subjects · registry default <span className="font-mono">{data.compatibility}</span> ·{" "}
              <span className="font-mono">{data.registry}</span>
            </p>
          </div>
          {data.subjects.length === 0 ? (
            <EmptyState>No subjects yet. They appear once a producer registers a schema, or register one from a subject&apos;s page.</EmptyState>
          ) : (
            <Card className="p-0">
              <SimpleTable columns={columns}>
                {shown.map((s) => (
                  <tr key={s.subject} className="border-t border-line">
                    <td className={`${textCell} font-mono`}>
                      <Link href={`/schemas/${encodeURIComponent(s.subject)}`} className="hover:underline">
                        {s.subject}
                      </Link>
                      {s.name && <div className="text-xs text-muted">{s.name}</div>}
                    </td>
                    <td className={textCell}>{schemaTypeLabel[s.type]}</td>
                    <td className={numericCell}>v{s.latestVersion}</td>
                    <td className={numericCell}>{s.id}</td>
                    <td className={`${textCell} font-mono text-xs`}>
                      {s.compatibility}
                      {!s.compatibilitySet && <span className="font-sans text-muted"> (default)</span>}
                    </td>
                    <td className={`${textCell} font-mono`}>
                      {s.topic ? (
                        <Link href={`/kafka/topics/${encodeURIComponent(s.topic)}`} className="hover:underline">
                          {s.topic}
                        </Link>
                      ) : (
                        <span className="font-sans text-muted">—</span>
                      )}
                      {s.part && <span className="font-sans text-xs text-muted"> ({s.part}s)</span>}
                    </td>
                  </tr>
                ))}
              </SimpleTable>
              {shown.length === 0 && <p className="px-3 py-3 text-sm text-muted">No subject matches “{filter}”.</p>}
            </Card>
          )}
        </div>
      )}
    </QueryState>
  );
}
