"use client";

import { useState } from "react";
import { RoleNote } from "@/components/auth/role-note";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { numericCell, SimpleTable, textCell } from "@/components/ui/table";
import { useResetOffsets } from "@/lib/queries/kafka";
import type { ResetOffsetsInput } from "@/lib/schemas/kafka";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { InlineError } from "@/components/ui/inline-error";

const targets = { earliest: "Earliest", latest: "Latest", timestamp: "Time", offset: "Offset", shift: "Shift by" } as const;
type TargetKind = keyof typeof targets;

/** A datetime-local value (the browser's time zone) as an ISO instant; "" when unset. */
function localToIso(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

function target(kind: TargetKind, values: { shift: number; offset: string; time: string }): ResetOffsetsInput["to"] {
  switch (kind) {
    case "shift":
      return { kind, by: values.shift };
    case "offset":
      return { kind, offset: values.offset.trim() };
    case "timestamp":
      return { kind, timestamp: localToIso(values.time) };
    default:
      return { kind };
  }
}

/**
 * Reset a group's offsets on one topic or all: preview the change (dry run) first, then apply it.
 * Both go through POST …/reset-offsets, which needs operator, so below it only a note shows.
 */
export function ResetOffsetsForm(props: { groupId: string; topics?: string[] }) {
  const canReset = useCan("operator");
  return canReset ? <ResetOffsetsFields {...props} /> : <RoleNote role="operator" what="Resetting offsets" className="border-t border-line px-3 py-2" />;
}

function ResetOffsetsFields({ groupId, topics = [] }: { groupId: string; topics?: string[] }) {
  const [kind, setKind] = useState<TargetKind>("latest");
  const [topic, setTopic] = useState("");
  const [shift, setShift] = useState(-1);
  const [offset, setOffset] = useState("0");
  const [time, setTime] = useState(() => new Date(Date.now() - 3_600_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
  const input = (dryRun: boolean): ResetOffsetsInput => ({ ...(topic ? { topic } : {}), to: target(kind, { shift, offset, time }), dryRun });
  const preview = useResetOffsets(groupId);
  const apply = useResetOffsets(groupId);
  const error = preview.error ?? apply.error;

  return (
    <form
      className="space-y-3 border-t border-line px-3 py-3"
      aria-label={`Reset offsets of ${groupId}`}
      onSubmit={(event) => {
        event.preventDefault();
        apply.reset();
        preview.mutate(input(true));
      }}
    >
      <div className="flex flex-wrap items-end gap-3 text-sm">
        {topics.length > 1 && (
          <label className="flex flex-col gap-1">
            <span className="text-muted">Topic</span>
            <Select value={topic} onChange={(e) => (setTopic(e.target.value), preview.reset())} className="py-1">
              <option value="">All {topics.length} topics</option>
              {topics.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </Select>
          </label>
        )}
        <label className="flex flex-col gap-1">
          <span className="text-muted">Reset offsets to</span>
          <Select value={kind} onChange={(e) => (setKind(e.target.value as TargetKind), preview.reset())} className="py-1">
            {Object.entries(targets).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </label>
        {kind === "shift" && (
          <label className="flex flex-col gap-1">
            <span className="text-muted">Messages (negative: back)</span>
            <Input type="number" value={shift} onChange={(e) => (setShift(Number(e.target.value)), preview.reset())} className="py-1 w-28 font-mono" />
          </label>
        )}
        {kind === "offset" && (
          <label className="flex flex-col gap-1">
            <span className="text-muted">Offset (kept within each partition)</span>
            <Input
              inputMode="numeric"
              pattern="[0-9]+"
              required
              value={offset}
              onChange={(e) => (setOffset(e.target.value), preview.reset())}
              className="py-1 w-40 font-mono"
            />
          </label>
        )}
        {kind === "timestamp" && (
          <label className="flex flex-col gap-1">
            <span className="text-muted">First message at or after (local time)</span>
            <Input
              type="datetime-local"
              step={1}
              required
              value={time}
              onChange={(e) => (setTime(e.target.value), preview.reset())}
              className="py-1 font-mono"
            />
          </label>
        )}
        <Button type="submit" disabled={preview.isPending}>
          {preview.isPending ? "Previewing…" : "Preview"}
        </Button>
      </div>
      {error && <InlineError>{error.message}</InlineError>}
      {apply.data && (
        <p role="status" className="text-sm text-ok">
          Offsets of {apply.data.changes.length} partition(s) reset.
        </p>
      )}
      {preview.data && (
        <div className="space-y-2">
          <SimpleTable
            columns={[{ label: "Topic" }, { label: "Partition", numeric: true }, { label: "Now", numeric: true }, { label: "After", numeric: true }]}
          >
            {preview.data.changes.map((c) => (
              <tr key={`${c.topic}/${c.partition}`} className="border-t border-line">
                <td className={`${textCell} font-mono`}>{c.topic}</td>
                <td className={numericCell}>{c.partition}</td>
                <td className={numericCell}>{c.current ?? "none"}</td>
                <td className={numericCell}>{c.target}</td>
              </tr>
            ))}
          </SimpleTable>
          <Button variant="danger" onClick={() => apply.mutate(input(false), { onSuccess: () => preview.reset() })} disabled={apply.isPending}>
            {apply.isPending ? "Resetting…" : `Reset ${preview.data.changes.length} partition(s) of ${groupId}`}
          </Button>
        </div>
      )}
    </form>
  );
}
