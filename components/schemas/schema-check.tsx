"use client";

import { CheckCircle2, XCircle } from "lucide-react";
import { useId, useState } from "react";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { useCheckCompatibility, useRegisterSchema } from "@/lib/queries/schemas";
import type { SubjectDetail } from "@/lib/schemas/schema-registry";
import { readableSchema } from "./schema-text";

/**
 * An edited schema checked against the subject's compatibility level before anything is
 * registered; operators then register it as the next version. Ctrl+Enter checks.
 */
export function SchemaCheck({ detail, onRegistered }: { detail: SubjectDetail; onRegistered: (version: number) => void }) {
  const latest = detail.versions.at(-1);
  const type = latest?.type ?? "AVRO";
  const [text, setText] = useState(() => (latest ? readableSchema(latest.type, latest.schema) : ""));
  const id = useId();
  const check = useCheckCompatibility(detail.subject);
  const register = useRegisterSchema(detail.subject);
  const canRegister = useCan("operator");
  const body = { schema: text, schemaType: type, references: latest?.references ?? [] };
  const result = check.data;
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        check.mutate(body);
      }}
    >
      <label htmlFor={id} className="text-sm text-muted">
        Schema ({type === "AVRO" ? "Avro" : type === "PROTOBUF" ? "Protobuf" : "JSON Schema"}), checked against{" "}
        <span className="font-mono">{detail.compatibility}</span>
      </label>
      <textarea
        id={id}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          check.reset();
          register.reset();
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            check.mutate(body);
          }
        }}
        spellCheck={false}
        rows={Math.min(24, Math.max(8, text.split("\n").length + 1))}
        className="w-full rounded-md border border-line bg-surface p-2 font-mono text-xs leading-5"
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={check.isPending || !text.trim()}>
          {check.isPending ? "Checking…" : "Check compatibility"}
        </Button>
        {canRegister && (
          <Button
            variant="primary"
            disabled={register.isPending || !result?.compatible}
            title={result?.compatible ? undefined : "Check the schema first; only a compatible one can be registered"}
            onClick={() => register.mutate(body, { onSuccess: (registered) => onRegistered(registered.version) })}
          >
            {register.isPending ? "Registering…" : `Register as the next version`}
          </Button>
        )}
        <span className="text-xs text-muted">Ctrl+Enter checks</span>
      </div>
      {check.error && <InlineError>{check.error.message}</InlineError>}
      {result && (
        <div role="status" className={result.compatible ? "text-sm text-ok" : "text-sm text-bad"}>
          <p className="flex items-center gap-1.5 font-medium">
            {result.compatible ? <CheckCircle2 aria-hidden className="size-4" /> : <XCircle aria-hidden className="size-4" />}
            {result.compatible ? `Compatible with the subject under ${result.level}` : `Incompatible under ${result.level}: the registry would refuse it`}
          </p>
          {result.messages.length > 0 && (
            <ul className="mt-1 list-disc space-y-0.5 pl-6 font-mono text-xs text-ink">
              {result.messages.map((message, i) => (
                <li key={i}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {register.error && <InlineError>{register.error.message}</InlineError>}
      {register.data && (
        <p role="status" className="text-sm text-ok">
          Registered as v{register.data.version} (id {register.data.id}).
        </p>
      )}
    </form>
  );
}
