"use client";

import { useId, type ReactNode } from "react";
import { MessageFilterInput } from "@/components/kafka/message-filter-input";
import { cn } from "@/lib/cn";
import { fromLocalInput, toLocalInput, type RangeKind, type ReplayFormField, type ReplayFormValues, type RewindKind } from "@/lib/replay/form";
import type { ConsumerGroupLag, TopicSummary } from "@/lib/schemas/kafka";

export const fieldClass = "rounded-md border border-line bg-surface px-2 py-1.5 text-sm";

export type SetValue = <K extends keyof ReplayFormValues>(key: K, value: ReplayFormValues[K]) => void;
export type Problems = Partial<Record<ReplayFormField, string>>;

/** A labelled input with its hint, or its problem in place of the hint. */
function Field({
  label,
  hint,
  problem,
  className,
  children,
}: {
  label: string;
  hint?: ReactNode;
  problem?: string;
  className?: string;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => ReactNode;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = problem ?? hint;
  return (
    <div className={cn("flex flex-col gap-1 text-sm", className)}>
      <label htmlFor={id} className="text-muted">
        {label}
      </label>
      {children({ id, "aria-describedby": note ? noteId : undefined, "aria-invalid": problem ? true : undefined })}
      {note && (
        <p id={noteId} className={problem ? "text-xs text-bad" : "text-xs text-muted"}>
          {note}
        </p>
      )}
    </div>
  );
}

const rangeLabels: Record<RangeKind, string> = { all: "Everything retained", offsets: "Offsets", time: "Time" };
const rewindLabels: Record<RewindKind, string> = { earliest: "Earliest retained", timestamp: "A time", offset: "An offset", shift: "Shift back by" };

function PartitionPicker({ value, count, set, problem }: { value: string; count: number | undefined; set: SetValue; problem?: string }) {
  const chosen = value
    .split(",")
    .filter((p) => /^\d+$/.test(p.trim()))
    .map(Number);
  if (count === undefined || count > 64) {
    return (
      <Field label="Partitions" hint="Numbers separated by commas; empty: every partition." problem={problem} className="w-48">
        {(props) => (
          <input
            {...props}
            value={value}
            onChange={(e) => set("partitions", e.target.value)}
            placeholder="all"
            inputMode="numeric"
            spellCheck={false}
            className={`${fieldClass} font-mono`}
          />
        )}
      </Field>
    );
  }
  const toggle = (partition: number, on: boolean) =>
    set(
      "partitions",
      (on ? [...chosen, partition] : chosen.filter((p) => p !== partition))
        .filter((p, i, all) => all.indexOf(p) === i)
        .sort((a, b) => a - b)
        .join(","),
    );
  return (
    <fieldset className="flex flex-col gap-1 text-sm">
      <legend className="mb-1 text-muted">Partitions</legend>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
        <label className="inline-flex items-center gap-1.5">
          <input type="checkbox" checked={chosen.length === 0} onChange={() => set("partitions", "")} />
          All
        </label>
        {Array.from({ length: count }, (_, p) => (
          <label key={p} className="inline-flex items-center gap-1.5 font-mono">
            <input type="checkbox" checked={chosen.includes(p)} onChange={(e) => toggle(p, e.target.checked)} aria-label={`Partition ${p}`} />
            {p}
          </label>
        ))}
      </div>
      {problem && <p className="text-xs text-bad">{problem}</p>}
    </fieldset>
  );
}

/** Source, range, filter, target and rate of a re-publish. */
export function RepublishFields({ values, set, problems, topics }: { values: ReplayFormValues; set: SetValue; problems: Problems; topics: TopicSummary[] }) {
  const listId = useId();
  const source = topics.find((t) => t.name === values.topic.trim());
  const setRange = (range: RangeKind) => {
    set("range", range);
    // Offsets and times do not convert into each other: start the new kind empty.
    set("from", "");
    set("to", "");
  };
  return (
    <div className="space-y-4">
      <datalist id={listId}>
        {topics.map((t) => (
          <option key={t.name} value={t.name} />
        ))}
      </datalist>
      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-semibold">Source</legend>
        <div className="flex flex-wrap items-start gap-x-5 gap-y-3">
          <Field
            label="Topic"
            problem={problems.topic}
            hint={source ? `${source.partitions} partitions, ${Number(source.messages).toLocaleString("en-US")} messages retained` : undefined}
            className="w-72"
          >
            {(props) => (
              <input
                {...props}
                value={values.topic}
                onChange={(e) => set("topic", e.target.value)}
                list={listId}
                required
                spellCheck={false}
                autoComplete="off"
                className={`${fieldClass} font-mono`}
              />
            )}
          </Field>
          <PartitionPicker value={values.partitions} count={source?.partitions} set={set} problem={problems.partitions} />
        </div>
        <div className="flex flex-wrap items-start gap-x-5 gap-y-3">
          <Field label="Range" hint={values.range === "all" ? "From each partition's beginning to its end now." : undefined}>
            {(props) => (
              <select {...props} value={values.range} onChange={(e) => setRange(e.target.value as RangeKind)} className={fieldClass}>
                {Object.entries(rangeLabels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {values.range === "offsets" && (
            <>
              <Field label="From offset" hint="Empty: each partition's beginning." problem={problems.from} className="w-44">
                {(props) => (
                  <input
                    {...props}
                    value={values.from}
                    onChange={(e) => set("from", e.target.value.trim())}
                    inputMode="numeric"
                    placeholder="beginning"
                    className={`${fieldClass} font-mono`}
                  />
                )}
              </Field>
              <Field label="To offset (excluded)" hint="Empty: each partition's end now." problem={problems.to} className="w-44">
                {(props) => (
                  <input
                    {...props}
                    value={values.to}
                    onChange={(e) => set("to", e.target.value.trim())}
                    inputMode="numeric"
                    placeholder="end"
                    className={`${fieldClass} font-mono`}
                  />
                )}
              </Field>
            </>
          )}
          {values.range === "time" && (
            <>
              <Field label="From (local time)" hint="Empty: the beginning." problem={problems.from}>
                {(props) => (
                  <input
                    {...props}
                    type="datetime-local"
                    step={1}
                    value={toLocalInput(values.from)}
                    onChange={(e) => set("from", fromLocalInput(e.target.value))}
                    className={`${fieldClass} font-mono`}
                  />
                )}
              </Field>
              <Field label="Until (local time)" hint="Empty: now." problem={problems.to}>
                {(props) => (
                  <input
                    {...props}
                    type="datetime-local"
                    step={1}
                    value={toLocalInput(values.to)}
                    onChange={(e) => set("to", fromLocalInput(e.target.value))}
                    className={`${fieldClass} font-mono`}
                  />
                )}
              </Field>
            </>
          )}
        </div>
        <MessageFilterInput
          id="replay-filter"
          label="Filter (empty: every event of the range)"
          value={values.filter}
          onChange={(filter) => set("filter", filter)}
        />
      </fieldset>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold">Target</legend>
        <div className="flex flex-wrap items-start gap-x-5 gap-y-3">
          <Field label="Topic" hint="Empty: back into the source topic." problem={problems.target} className="w-72">
            {(props) => (
              <input
                {...props}
                value={values.target}
                onChange={(e) => set("target", e.target.value)}
                list={listId}
                placeholder={values.topic || "same as the source"}
                spellCheck={false}
                autoComplete="off"
                className={`${fieldClass} font-mono`}
              />
            )}
          </Field>
          <Field label="Rate limit (events/s)" hint="Empty: as fast as the brokers take it." problem={problems.rate} className="w-52">
            {(props) => (
              <input
                {...props}
                value={values.rate}
                onChange={(e) => set("rate", e.target.value.trim())}
                inputMode="numeric"
                placeholder="unlimited"
                className={`${fieldClass} font-mono`}
              />
            )}
          </Field>
        </div>
      </fieldset>
    </div>
  );
}

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
          problem={problems.group}
          hint={
            group
              ? `${group.state}, ${group.members} active member${group.members === 1 ? "" : "s"}${group.members > 0 ? ": stop its consumers before starting" : ""}`
              : "Its consumers must be stopped."
          }
          className="w-72"
        >
          {(props) => (
            <input
              {...props}
              value={values.group}
              onChange={(e) => set("group", e.target.value)}
              list={groupsId}
              required
              spellCheck={false}
              autoComplete="off"
              className={`${fieldClass} font-mono`}
            />
          )}
        </Field>
        <Field label="Topic (optional)" hint="Empty: every topic the group has offsets on." problem={problems.topic} className="w-72">
          {(props) => (
            <input
              {...props}
              value={values.topic}
              onChange={(e) => set("topic", e.target.value)}
              list={topicsId}
              spellCheck={false}
              autoComplete="off"
              className={`${fieldClass} font-mono`}
            />
          )}
        </Field>
      </div>
      <div className="flex flex-wrap items-start gap-x-5 gap-y-3">
        <Field label="Rewind to">
          {(props) => (
            <select {...props} value={values.rewind} onChange={(e) => set("rewind", e.target.value as RewindKind)} className={fieldClass}>
              {Object.entries(rewindLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {values.rewind === "timestamp" && (
          <Field label="First event at or after (local time)" problem={problems.timestamp}>
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                step={1}
                required
                value={toLocalInput(values.timestamp)}
                onChange={(e) => set("timestamp", fromLocalInput(e.target.value))}
                className={`${fieldClass} font-mono`}
              />
            )}
          </Field>
        )}
        {values.rewind === "offset" && (
          <Field label="Offset (kept within each partition)" problem={problems.offset} className="w-56">
            {(props) => (
              <input
                {...props}
                value={values.offset}
                onChange={(e) => set("offset", e.target.value.trim())}
                inputMode="numeric"
                required
                className={`${fieldClass} font-mono`}
              />
            )}
          </Field>
        )}
        {values.rewind === "shift" && (
          <Field label="Events (negative: back)" problem={problems.shift} className="w-44">
            {(props) => (
              <input
                {...props}
                type="number"
                max={-1}
                value={values.shift}
                onChange={(e) => set("shift", e.target.value)}
                required
                className={`${fieldClass} font-mono`}
              />
            )}
          </Field>
        )}
      </div>
    </fieldset>
  );
}
