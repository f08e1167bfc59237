"use client";

import { Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ApiError } from "@/lib/api/fetch-json";
import { useKafkaOverview } from "@/lib/queries/kafka";
import { useCreateTopic } from "@/lib/queries/kafka-topic-admin";
import type { TopicDetail } from "@/lib/schemas/kafka";
import { Input } from "@/components/ui/input";
import { InlineError } from "@/components/ui/inline-error";

/** Topic configs people set most often at creation, offered as suggestions. */
export const commonTopicConfigs = [
  "cleanup.policy",
  "retention.ms",
  "retention.bytes",
  "min.insync.replicas",
  "max.message.bytes",
  "compression.type",
  "segment.bytes",
  "segment.ms",
  "delete.retention.ms",
  "message.timestamp.type",
];

type Field = "name" | "partitions" | "replication" | "configs" | "form";

/** Which field an API error is about, so it is shown next to that field. */
function fieldOf(error: Error): Field {
  const message = error.message;
  if (error instanceof ApiError && error.code === "TOPIC_EXISTS") return "name";
  if (/^name[:.]/.test(message) || /topic name/i.test(message)) return "name";
  if (/^partitions[:.]/.test(message)) return "partitions";
  if (/^replicationFactor[:.]|replication factor/i.test(message)) return "replication";
  if (/^configs[:.]|config/i.test(message)) return "configs";
  return "form";
}

interface ConfigRow {
  id: number;
  name: string;
  value: string;
}

/** What another page can prefill, and what happens after: by default the new topic's page opens. */
interface CreateTopicOptions {
  initialName?: string;
  initialPartitions?: number;
  onCreated?: (topic: TopicDetail) => void;
}

function CreateTopicForm({ onCancel, initialName = "", initialPartitions = 3, onCreated }: CreateTopicOptions & { onCancel: () => void }) {
  const router = useRouter();
  const ids = useId();
  const overview = useKafkaOverview();
  const brokers = overview.data?.brokers.length;
  const [name, setName] = useState(initialName);
  const [partitions, setPartitions] = useState(String(initialPartitions));
  const [replication, setReplication] = useState<string | null>(null);
  const [rows, setRows] = useState<ConfigRow[]>([]);
  const create = useCreateTopic();
  const replicationValue = replication ?? String(Math.min(3, brokers ?? 1));
  const errorField = create.error ? fieldOf(create.error) : undefined;
  const errorFor = (field: Field) =>
    errorField === field && create.error ? <InlineError id={`${ids}-${field}-error`}>{create.error.message}</InlineError> : null;
  const describedBy = (field: Field, hint?: string) =>
    [hint, errorField === field ? `${ids}-${field}-error` : undefined].filter(Boolean).join(" ") || undefined;

  const updateRow = (id: number, change: Partial<ConfigRow>) => setRows((current) => current.map((row) => (row.id === id ? { ...row, ...change } : row)));

  return (
    <form
      className="space-y-4"
      aria-label="Create topic"
      onSubmit={(event) => {
        event.preventDefault();
        const configs = Object.fromEntries(rows.filter((row) => row.name.trim()).map((row) => [row.name.trim(), row.value.trim()]));
        create.mutate(
          { name: name.trim(), partitions: Number(partitions), replicationFactor: Number(replicationValue), configs },
          { onSuccess: (topic) => (onCreated ? onCreated(topic) : router.push(`/kafka/topics/${encodeURIComponent(topic.name)}`)) },
        );
      }}
    >
      <div className="space-y-1">
        <label htmlFor={`${ids}-name`} className="text-sm font-medium">
          Name
        </label>
        <Input
          id={`${ids}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={249}
          autoComplete="off"
          spellCheck={false}
          placeholder="orders.v1"
          aria-invalid={errorField === "name" || undefined}
          aria-describedby={describedBy("name", `${ids}-name-hint`)}
          className="w-full font-mono"
        />
        <p id={`${ids}-name-hint`} className="text-xs text-muted">
          Letters, digits, “.”, “_” and “-”; at most 249 characters.
        </p>
        {errorFor("name")}
      </div>

      <div className="grid grid-cols-2 gap-4">
        <div className="space-y-1">
          <label htmlFor={`${ids}-partitions`} className="text-sm font-medium">
            Partitions
          </label>
          <Input
            id={`${ids}-partitions`}
            type="number"
            min={1}
            max={10000}
            required
            value={partitions}
            onChange={(e) => setPartitions(e.target.value)}
            aria-invalid={errorField === "partitions" || undefined}
            aria-describedby={describedBy("partitions")}
            className="w-full font-mono tabular-nums"
          />
          {errorFor("partitions")}
        </div>
        <div className="space-y-1">
          <label htmlFor={`${ids}-replication`} className="text-sm font-medium">
            Replication factor
          </label>
          <Input
            id={`${ids}-replication`}
            type="number"
            min={1}
            max={brokers}
            required
            value={replicationValue}
            onChange={(e) => setReplication(e.target.value)}
            aria-invalid={errorField === "replication" || undefined}
            aria-describedby={describedBy("replication", `${ids}-replication-hint`)}
            className="w-full font-mono tabular-nums"
          />
          <p id={`${ids}-replication-hint`} className="text-xs text-muted">
            {brokers === undefined ? "At most the number of brokers." : `At most ${brokers} (the cluster has ${brokers} broker${brokers === 1 ? "" : "s"}).`}
          </p>
          {errorFor("replication")}
        </div>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Configs</legend>
        {rows.length === 0 ? (
          <p className="text-xs text-muted">Broker defaults apply. Add an override such as cleanup.policy=compact or retention.ms.</p>
        ) : (
          <ul className="space-y-2">
            {rows.map((row, index) => (
              <li key={row.id} className="flex items-center gap-2">
                <Input
                  aria-label={`Config ${index + 1} name`}
                  list={`${ids}-config-names`}
                  value={row.name}
                  onChange={(e) => updateRow(row.id, { name: e.target.value })}
                  placeholder="retention.ms"
                  spellCheck={false}
                  className="min-w-0 flex-1 font-mono"
                />
                <span aria-hidden className="text-muted">
                  =
                </span>
                <Input
                  aria-label={`Config ${index + 1} value`}
                  value={row.value}
                  onChange={(e) => updateRow(row.id, { value: e.target.value })}
                  placeholder="604800000"
                  spellCheck={false}
                  className="min-w-0 flex-1 font-mono"
                />
                <button
                  type="button"
                  aria-label={`Remove config ${index + 1}`}
                  onClick={() => setRows((current) => current.filter((r) => r.id !== row.id))}
                  className="rounded-md p-1.5 text-muted hover:bg-canvas hover:text-bad"
                >
                  <Trash2 aria-hidden className="size-4" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <datalist id={`${ids}-config-names`}>
          {commonTopicConfigs.map((config) => (
            <option key={config} value={config} />
          ))}
        </datalist>
        <Button onClick={() => setRows((current) => [...current, { id: Date.now() + current.length, name: "", value: "" }])}>
          <Plus aria-hidden className="size-4" /> Add config
        </Button>
        {errorFor("configs")}
      </fieldset>

      {errorFor("form")}
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create topic"}
        </Button>
      </DialogActions>
    </form>
  );
}

/**
 * "Create topic" button and its dialog; on success it opens the new topic's page (or calls `onCreated`).
 * Nothing for users below operator (POST /api/kafka/topics needs it).
 */
export function CreateTopicButton({
  label = "Create topic",
  variant = "primary",
  onCreated,
  ...options
}: CreateTopicOptions & { label?: string; variant?: "primary" | "default" }) {
  const [open, setOpen] = useState(false);
  const canCreate = useCan("operator");
  if (!canCreate) return null;
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        <Plus aria-hidden className="size-4" /> {label}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Create topic"
        description="A new topic with its partitions, replication and optional config overrides."
      >
        <CreateTopicForm onCancel={() => setOpen(false)} onCreated={onCreated && ((topic) => (setOpen(false), onCreated(topic)))} {...options} />
      </Dialog>
    </>
  );
}
