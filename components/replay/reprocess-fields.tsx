"use client";

import { useId } from "react";
import { fromLocalInput, toLocalInput, type ReplayFormValues, type RewindKind } from "@/lib/replay/form";
import type { ConsumerGroupLag } from "@/lib/schemas/kafka";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

import { rewindLabels, type Problems, type SetValue } from "./replay-form-fields";

/** Group, topic and rewind point of a reprocess. */
export function ReprocessFields({
  values,
  set,
  problems,
  groups,
}: {
  values: ReplayFormValues;
  set: SetValue;
  problems: Problems;
  groups: ConsumerGroupLag[];
}) {
  const groupsId = useId();
  const topicsId = useId();
  const group = groups.find((g) => g.groupId === values.group.trim());
  const groupTopics = [...new Set(group?.partitions.map((p) => p.topic) ?? [])];
  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 text-sm font-semibold">Consumer group</legend>
      <datalist id={groupsId}>
        {groups.map((g) => (
          <option key={g.groupId} value={g.groupId} />
        ))}
      </datalist>
      <datalist id={topicsId}>
        {groupTopics.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <div className="flex flex-wrap items-start gap-x-5 gap-y-3">
        <Field
          label="Group"
          error={problems.group}
          help={
            group
              ? `${group.state}, ${group.members} active member${group.members === 1 ? "" : "s"}${group.members > 0 ? ": stop its consumers before starting" : ""}`
              : "Its consumers must be stopped."
          }
          className="w-72"
        >
          {(props) => (
            <Input
              {...props}
              value={values.group}
              onChange={(e) => set("group", e.target.value)}
              list={groupsId}
              required
              spellCheck={false}
              autoComplete="off"
              className="font-mono"
            />
          )}
        </Field>
        <Field label="Topic (optional)" help="Empty: every topic the group has offsets on." error={problems.topic} className="w-72">
          {(props) => (
            <Input
              {...props}
              value={values.topic}
              onChange={(e) => set("topic", e.target.value)}
              list={topicsId}
              spellCheck={false}
              autoComplete="off"
              className="font-mono"
            />
          )}
        </Field>
      </div>
      <div className="flex flex-wrap items-start gap-x-5 gap-y-3">
        <Field label="Rewind to">
          {(props) => (
            <Select {...props} value={values.rewind} onChange={(e) => set("rewind", e.target.value as RewindKind)}>
              {Object.entries(rewindLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {values.rewind === "timestamp" && (
          <Field label="First event at or after (local time)" error={problems.timestamp}>
            {(props) => (
              <Input
                {...props}
                type="datetime-local"
                step={1}
                required
                value={toLocalInput(values.timestamp)}
                onChange={(e) => set("timestamp", fromLocalInput(e.target.value))}
                className="font-mono"
              />
            )}
          </Field>
        )}
        {values.rewind === "offset" && (
          <Field label="Offset (kept within each partition)" error={problems.offset} className="w-56">
            {(props) => (
              <Input
                {...props}
                value={values.offset}
                onChange={(e) => set("offset", e.target.value.trim())}
                inputMode="numeric"
                required
                className="font-mono"
              />
            )}
          </Field>
        )}
        {values.rewind === "shift" && (
          <Field label="Events (negative: back)" error={problems.shift} className="w-44">
            {(props) => (
              <Input {...props} type="number" max={-1} value={values.shift} onChange={(e) => set("shift", e.target.value)} required className="font-mono" />
            )}
          </Field>
        )}
      </div>
    </fieldset>
  );
}
