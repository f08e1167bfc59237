"use client";

import { Pencil, Plus, RotateCcw } from "lucide-react";
import { useId, useState } from "react";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { SimpleTable, textCell } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { useAlterTopicConfigs, useTopicConfigs } from "@/lib/queries/kafka-topic-admin";
import type { ConfigSource, TopicConfigEntry } from "@/lib/schemas/kafka-topic-admin";
import { Input } from "@/components/ui/input";
import { InlineError } from "@/components/ui/inline-error";

const sourceLabels: Record<ConfigSource, string> = {
  topic: "topic override",
  "dynamic-broker": "broker",
  "dynamic-cluster-default": "cluster default",
  "static-broker": "broker file",
  default: "default",
  unknown: "unknown",
};

function SourceBadge({ entry }: { entry: TopicConfigEntry }) {
  return (
    <span
      className={cn(
        "inline-block rounded px-1.5 py-0.5 text-xs whitespace-nowrap",
        entry.source === "topic" ? "bg-accent/15 font-medium text-accent" : entry.isDefault ? "text-muted" : "bg-canvas text-ink",
      )}
    >
      {sourceLabels[entry.source]}
    </span>
  );
}

/** Inline editor of one value: Enter saves, Escape cancels. */
function ValueEditor({ entry, saving, onSave, onCancel }: { entry: TopicConfigEntry; saving: boolean; onSave: (value: string) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState(entry.value ?? "");
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(draft);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <Input
        aria-label={`New value of ${entry.name}`}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        autoFocus
        spellCheck={false}
        className="min-w-0 flex-1 py-1 font-mono"
      />
      <Button type="submit" variant="primary" disabled={saving}>
        {saving ? "Saving…" : "Save"}
      </Button>
      <Button onClick={onCancel}>Cancel</Button>
    </form>
  );
}

function AddOverrideForm({ configs, saving, onAdd }: { configs: TopicConfigEntry[]; saving: boolean; onAdd: (name: string, value: string) => void }) {
  const ids = useId();
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const candidates = configs.filter((c) => !c.readOnly && !c.sensitive && c.source !== "topic");
  return (
    <form
      aria-label="Add a config override"
      className="flex flex-wrap items-end gap-2 border-b border-line px-3 pb-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) onAdd(name.trim(), value);
      }}
    >
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm">
        <span className="text-muted">Config</span>
        <Input
          list={`${ids}-names`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          spellCheck={false}
          placeholder="retention.ms"
          className="font-mono"
        />
      </label>
      <datalist id={`${ids}-names`}>
        {candidates.map((c) => (
          <option key={c.name} value={c.name} />
        ))}
      </datalist>
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm">
        <span className="text-muted">Value</span>
        <Input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          spellCheck={false}
          placeholder={configs.find((c) => c.name === name)?.value ?? ""}
          className="font-mono"
        />
      </label>
      <Button type="submit" disabled={saving}>
        <Plus aria-hidden className="size-4" /> Add override
      </Button>
    </form>
  );
}

/** A topic's configs: overrides marked, read-only ones locked; admins edit a value, add or remove an override. */
export function TopicConfigs({ topic }: { topic: string }) {
  const { data, error, isPending, refetch } = useTopicConfigs(topic);
  const alter = useAlterTopicConfigs(topic);
  // PATCH …/configs needs admin: everyone else sees the values without the editing controls.
  const canEdit = useCan("admin");
  const [editing, setEditing] = useState<string | null>(null);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const configs = (data?.configs ?? []).filter((c) => !onlyChanged || !c.isDefault);
  const overrides = (data?.configs ?? []).filter((c) => c.source === "topic").length;

  const change = (set: Record<string, string>, remove: string[], done: string) =>
    alter.mutate(
      { set, remove },
      {
        onSuccess: () => {
          setEditing(null);
          setSaved(done);
        },
      },
    );

  return (
    <Card className="p-0">
      <div className="flex flex-wrap items-center justify-between gap-3 px-3 pt-3 pb-3">
        <h2 className="text-sm font-semibold">
          Configs{" "}
          {data && (
            <span className="font-normal text-muted">
              · {overrides} topic override{overrides === 1 ? "" : "s"}
            </span>
          )}
        </h2>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} />
          Only values that differ from the default
        </label>
      </div>
      <QueryState isPending={isPending} error={data ? null : error} retry={() => void refetch()} what={`the configs of ${topic}`}>
        {data && (
          <>
            {canEdit && (
              <AddOverrideForm configs={data.configs} saving={alter.isPending} onAdd={(name, value) => change({ [name]: value }, [], `Set ${name}`)} />
            )}
            <div aria-live="polite" className="px-3">
              {alter.error ? (
                <InlineError className="pt-2">{alter.error.message}</InlineError>
              ) : (
                saved && (
                  <p role="status" className="pt-2 text-sm text-ok">
                    {saved}.
                  </p>
                )
              )}
            </div>
            {configs.length === 0 ? (
              <p className="px-3 py-3 text-sm text-muted">Every config has its default value.</p>
            ) : (
              <SimpleTable
                className="mt-1"
                columns={[{ label: "Config" }, { label: "Value" }, { label: "Source" }, ...(canEdit ? [{ label: "Actions" }] : [])]}
              >
                {configs.map((entry) => (
                  <tr key={entry.name} className={cn("border-t border-line align-middle", !entry.isDefault && "bg-accent/5")}>
                    <td className={`${textCell} font-mono`}>
                      {entry.name}
                      {entry.readOnly && <span className="ml-2 font-sans text-xs text-muted">read-only</span>}
                    </td>
                    <td className={`${textCell} font-mono break-all`}>
                      {editing === entry.name ? (
                        <ValueEditor
                          entry={entry}
                          saving={alter.isPending}
                          onSave={(value) => change({ [entry.name]: value }, [], `Saved ${entry.name}`)}
                          onCancel={() => (setEditing(null), alter.reset())}
                        />
                      ) : entry.sensitive ? (
                        <span className="font-sans text-muted italic">hidden (sensitive)</span>
                      ) : entry.value === "" ? (
                        <span className="font-sans text-muted italic">empty</span>
                      ) : (
                        entry.value
                      )}
                    </td>
                    <td className={textCell}>
                      <SourceBadge entry={entry} />
                    </td>
                    {canEdit && (
                      <td className={`${textCell} whitespace-nowrap`}>
                        {!entry.readOnly && !entry.sensitive && editing !== entry.name && (
                          <div className="flex gap-1">
                            <button
                              type="button"
                              aria-label={`Edit ${entry.name}`}
                              onClick={() => (setEditing(entry.name), setSaved(null), alter.reset())}
                              className="rounded-md p-1 text-muted hover:bg-canvas hover:text-ink"
                            >
                              <Pencil aria-hidden className="size-4" />
                            </button>
                            {entry.source === "topic" && (
                              <button
                                type="button"
                                aria-label={`Remove the override of ${entry.name}`}
                                title="Remove the override (back to the broker's value)"
                                disabled={alter.isPending}
                                onClick={() => change({}, [entry.name], `Removed the override of ${entry.name}`)}
                                className="rounded-md p-1 text-muted hover:bg-canvas hover:text-bad"
                              >
                                <RotateCcw aria-hidden className="size-4" />
                              </button>
                            )}
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </SimpleTable>
            )}
          </>
        )}
      </QueryState>
    </Card>
  );
}
