"use client";

import { Plus, Send, X } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useProduceMessage } from "@/lib/queries/kafka-messages";
import { useSubjects } from "@/lib/queries/schemas";
import { compressionCodecs, maxProduceBytes, type CompressionCodec } from "@/lib/schemas/kafka-messages";
import { messageHref } from "./message-details";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { InlineError } from "@/components/ui/inline-error";

function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Write one message: key, value (checked when it is JSON), headers and, optionally, the partition and the batch's codec. */
export function ProduceForm({ topic, partitions }: { topic: string; partitions: number[] | undefined }) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [format, setFormat] = useState<"json" | "text" | "schema">("json");
  const [subject, setSubject] = useState("");
  const [partition, setPartition] = useState("");
  const [compression, setCompression] = useState<CompressionCodec>("none");
  const [headers, setHeaders] = useState<Array<{ id: number; name: string; value: string }>>([]);
  const [nextId, setNextId] = useState(0);
  const produce = useProduceMessage(topic);
  const subjects = useSubjects(format === "schema");
  // The topic's value subject (TopicNameStrategy) first, then every other.
  const subjectNames = (subjects.data?.subjects ?? []).map((s) => s.subject).sort((a, b) => Number(b === `${topic}-value`) - Number(a === `${topic}-value`));
  const chosenSubject = subject || subjectNames[0] || "";
  const problem = format !== "text" && value.trim() !== "" ? jsonProblem(value) : null;
  const tooLarge = new Blob([value]).size > maxProduceBytes;
  const setHeader = (id: number, change: Partial<{ name: string; value: string }>) =>
    setHeaders((all) => all.map((h) => (h.id === id ? { ...h, ...change } : h)));

  return (
    <form
      aria-label={`Produce a message to ${topic}`}
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (problem || tooLarge) return;
        produce.mutate({
          key: key === "" ? null : key,
          value,
          valueFormat: format,
          ...(format === "schema" ? { valueSchema: { subject: chosenSubject, version: "latest" as const } } : {}),
          headers: headers.filter((h) => h.name.trim() !== "").map(({ name, value: v }) => ({ name: name.trim(), value: v })),
          partition: partition === "" ? undefined : Number(partition),
          compression,
        });
      }}
    >
      <div className="flex flex-wrap gap-x-5 gap-y-3 text-sm">
        <label className="flex min-w-60 flex-1 flex-col gap-1">
          <span className="text-muted">Key (empty: no key)</span>
          <Input value={key} onChange={(e) => setKey(e.target.value)} className="py-1 font-mono" spellCheck={false} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-muted">Partition</span>
          <Select value={partition} onChange={(e) => setPartition(e.target.value)} className="py-1">
            <option value="">Chosen by the key</option>
            {(partitions ?? []).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-muted">Value format</span>
          <Select value={format} onChange={(e) => setFormat(e.target.value as "json" | "text" | "schema")} className="py-1">
            <option value="json">JSON</option>
            <option value="text">Text</option>
            <option value="schema">JSON, encoded with a schema</option>
          </Select>
        </label>
        {format === "schema" && (
          <label className="flex flex-col gap-1">
            <span className="text-muted">Subject (its latest version)</span>
            <Select value={chosenSubject} onChange={(e) => setSubject(e.target.value)} className="py-1 font-mono">
              {subjectNames.length === 0 && <option value="">{subjects.error ? "Schema Registry unavailable" : "No subjects yet"}</option>}
              {subjectNames.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </Select>
          </label>
        )}
        <label className="flex flex-col gap-1">
          <span className="text-muted">Compression</span>
          <Select value={compression} onChange={(e) => setCompression(e.target.value as CompressionCodec)} className="py-1">
            {compressionCodecs.map((codec) => (
              <option key={codec} value={codec}>
                {codec === "none" ? "None" : codec}
              </option>
            ))}
          </Select>
        </label>
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="produce-value" className="text-muted">
          Value
        </label>
        <Textarea
          id="produce-value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          rows={6}
          spellCheck={false}
          placeholder={format === "json" ? '{"orderId": "o-1", "status": "created"}' : "Any text"}
          aria-invalid={problem || tooLarge ? true : undefined}
          aria-describedby="produce-value-help"
          className={`py-1 font-mono ${problem || tooLarge ? "border-bad" : ""}`}
        />
        <p id="produce-value-help" className={problem || tooLarge ? "text-xs text-bad" : "text-xs text-muted"}>
          {tooLarge
            ? `Larger than ${maxProduceBytes / 1024 / 1024} MiB.`
            : problem
              ? `Not valid JSON: ${problem}`
              : format === "json"
                ? "Checked as JSON and sent as written."
                : format === "schema"
                  ? 'Written as JSON (Avro unions as {"branch": value}), checked against the subject\'s schema and sent in its binary encoding with the schema id.'
                  : "Sent as UTF-8 text."}
        </p>
      </div>
      <fieldset className="space-y-2 text-sm">
        <legend className="text-muted">Headers</legend>
        {headers.map((h, i) => (
          <div key={h.id} className="flex flex-wrap items-center gap-2">
            <Input
              aria-label={`Header ${i + 1} name`}
              placeholder="name"
              value={h.name}
              onChange={(e) => setHeader(h.id, { name: e.target.value })}
              className="py-1 w-48 font-mono"
            />
            <Input
              aria-label={`Header ${i + 1} value`}
              placeholder="value"
              value={h.value}
              onChange={(e) => setHeader(h.id, { value: e.target.value })}
              className="py-1 min-w-48 flex-1 font-mono"
            />
            <Button aria-label={`Remove header ${i + 1}`} onClick={() => setHeaders((all) => all.filter((x) => x.id !== h.id))}>
              <X aria-hidden className="size-4" />
            </Button>
          </div>
        ))}
        <Button
          onClick={() => {
            setHeaders((all) => [...all, { id: nextId, name: "", value: "" }]);
            setNextId(nextId + 1);
          }}
        >
          <Plus aria-hidden className="size-4" /> Add header
        </Button>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={produce.isPending || !!problem || tooLarge || (format === "schema" && !chosenSubject)}>
          <Send aria-hidden className="size-4" /> {produce.isPending ? "Sending…" : "Send message"}
        </Button>
        {produce.error && <InlineError>{produce.error.message}</InlineError>}
        {produce.data && !produce.isPending && (
          <p role="status" className="text-sm text-ok">
            Written to partition {produce.data.partition} at offset {produce.data.offset}.{" "}
            <Link href={messageHref(topic, produce.data)} className="text-accent underline">
              Open it
            </Link>
          </p>
        )}
      </div>
    </form>
  );
}
