"use client";

import { Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/auth/session";
import { BreadcrumbHeader } from "@/components/ui/breadcrumb-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { InlineError } from "@/components/ui/inline-error";
import { QueryState } from "@/components/ui/query-state";
import { Select } from "@/components/ui/select";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { useUrlState } from "@/lib/hooks/use-url-state";
import { useDeleteSubject, useSetCompatibility, useSubject } from "@/lib/queries/schemas";
import { compatibilityLevels, type CompatibilityLevel, type SubjectDetail } from "@/lib/schemas/schema-registry";
import { SchemaCheck } from "./schema-check";
import { SchemaDiff } from "./schema-diff";
import { isSerializedDescriptor, readableSchema } from "./schema-text";
import { schemaTypeLabel } from "./subjects-table";

function LevelForm({ detail }: { detail: SubjectDetail }) {
  const [level, setLevel] = useState<CompatibilityLevel>(detail.compatibility);
  const save = useSetCompatibility(detail.subject);
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(level);
      }}
    >
      <label className="flex items-center gap-2 text-sm">
        <span className="text-muted">Compatibility level</span>
        <Select value={level} onChange={(e) => setLevel(e.target.value as CompatibilityLevel)} className="py-1 font-mono">
          {compatibilityLevels.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </Select>
      </label>
      <Button type="submit" disabled={save.isPending || level === detail.compatibility}>
        {save.isPending ? "Saving…" : "Save level"}
      </Button>
      {save.error && <InlineError>{save.error.message}</InlineError>}
    </form>
  );
}

function DeleteSubject({ detail }: { detail: SubjectDetail }) {
  const [open, setOpen] = useState(false);
  const [permanent, setPermanent] = useState(false);
  const remove = useDeleteSubject(detail.subject);
  const router = useRouter();
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        <Trash2 aria-hidden className="size-4" /> Delete subject
      </Button>
      <TypedConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${detail.subject}`}
        description={
          permanent ? "A hard delete cannot be undone." : "A soft delete: the versions can be registered again, and their ids keep decoding records."
        }
        name={detail.subject}
        action={permanent ? "Delete for good" : "Delete"}
        pendingAction="Deleting…"
        pending={remove.isPending}
        error={remove.error}
        consequences={
          <div className="space-y-2">
            <p>
              All {detail.versions.length} version{detail.versions.length === 1 ? "" : "s"} of the subject are deleted. Producers that register on write create
              it again.
            </p>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={permanent} onChange={(e) => setPermanent(e.target.checked)} /> Also delete permanently (hard delete: the ids stop
              resolving)
            </label>
          </div>
        }
        onConfirm={(confirm) => remove.mutate({ confirm, permanent }, { onSuccess: () => router.push("/schemas") })}
      />
    </>
  );
}

/** A subject: its versions (schema text and references), a diff between any two, a compatibility check, registration, level and delete. */
export function SubjectView({ subject }: { subject: string }) {
  const { data, error, isPending, refetch } = useSubject(subject);
  const { params, setUrlState } = useUrlState();
  const isAdmin = useCan("admin");
  const latest = data?.versions.at(-1);
  const chosen = data?.versions.find((v) => String(v.version) === params.get("version")) ?? latest;
  const from = Number(params.get("from") ?? data?.versions.at(-2)?.version ?? latest?.version ?? 1);
  const to = Number(params.get("to") ?? latest?.version ?? 1);
  return (
    <div className="space-y-4">
      <BreadcrumbHeader
        trail={[
          { label: "Schemas", href: "/schemas" },
          { label: subject, mono: true },
        ]}
        title={<span className="font-mono">{subject}</span>}
        actions={data && isAdmin ? <DeleteSubject detail={data} /> : undefined}
      />
      <QueryState isPending={isPending} error={error} retry={() => void refetch()} what={`subject ${subject}`}>
        {data && chosen && (
          <>
            <p className="text-sm text-muted">
              {schemaTypeLabel[chosen.type]} · {data.versions.length} version{data.versions.length === 1 ? "" : "s"} · level{" "}
              <span className="font-mono text-ink">{data.compatibility}</span>
              {!data.compatibilitySet && " (the registry's default)"}
              {data.topic && (
                <>
                  {" "}
                  · the {data.part}s of{" "}
                  <Link className="font-mono text-accent hover:underline" href={`/kafka/topics/${encodeURIComponent(data.topic)}/messages`}>
                    {data.topic}
                  </Link>
                </>
              )}
            </p>
            <Card className="space-y-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="font-semibold">Version</h2>
                <Select aria-label="Version" value={chosen.version} onChange={(e) => setUrlState({ version: e.target.value })} className="py-1">
                  {data.versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      v{v.version} (id {v.id})
                    </option>
                  ))}
                </Select>
              </div>
              {isSerializedDescriptor(chosen.type, chosen.schema) && (
                <p className="text-xs text-muted">Registered as a serialized descriptor (base64), as some clients send it.</p>
              )}
              <pre
                tabIndex={0}
                className="max-h-[28rem] overflow-auto rounded-md border border-line bg-canvas p-2 font-mono text-xs leading-5"
                aria-label={`Schema of v${chosen.version}`}
              >
                {readableSchema(chosen.type, chosen.schema)}
              </pre>
              {chosen.references.length > 0 && (
                <div className="text-sm">
                  <h3 className="text-xs font-semibold text-muted">References</h3>
                  <ul className="list-disc pl-5">
                    {chosen.references.map((r) => (
                      <li key={r.name}>
                        <span className="font-mono">{r.name}</span> →{" "}
                        <Link className="font-mono text-accent hover:underline" href={`/schemas/${encodeURIComponent(r.subject)}?version=${r.version}`}>
                          {r.subject} v{r.version}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </Card>
            {data.versions.length > 1 && (
              <Card className="space-y-2">
                <h2 className="font-semibold">Changes between versions</h2>
                <SchemaDiff versions={data.versions} from={from} to={to} onChange={(next) => setUrlState({ from: String(next.from), to: String(next.to) })} />
              </Card>
            )}
            <Card className="space-y-2">
              <h2 className="font-semibold">Check a change{latest ? ` (edit v${latest.version})` : ""}</h2>
              <SchemaCheck key={latest?.version} detail={data} onRegistered={(version) => setUrlState({ version: String(version) })} />
            </Card>
            {isAdmin && (
              <Card>
                <LevelForm key={data.compatibility} detail={data} />
              </Card>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
