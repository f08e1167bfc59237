"use client";

import { useId } from "react";
import { MessageFilterInput } from "@/components/kafka/message-filter-input";
import { fromLocalInput, toLocalInput, type RangeKind, type ReplayFormField, type ReplayFormValues, type RewindKind } from "@/lib/replay/form";
import type { TopicSummary } from "@/lib/schemas/kafka";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { replayCompressions, type ReplayCompression } from "@/lib/schemas/replay";

export type SetValue = <K extends keyof ReplayFormValues>(key: K, value: ReplayFormValues[K]) => void;
export type Problems = Partial<Record<ReplayFormField, string>>;

const rangeLabels: Record<RangeKind, string> = { all: "Everything retained", offsets: "Offsets", time: "Time" };
export const rewindLabels: Record<RewindKind, string> = { earliest: "Earliest retained", timestamp: "A time", offset: "An offset", shift: "Shift back by" };

function PartitionPicker({ value, count, set, problem }: { value: string; count: number | undefined; set: SetValue; problem?: string }) {
  const chosen = value
    .split(",")
    .filter((p) => /^\d+$/.test(p.trim()))
    .map(Number);
  if (count === undefined || count > 64) {
    return (
      <Field label="Partitions" help="Numbers separated by commas; empty: every partition." error={problem} className="w-48">
        {(props) => (
          <Input
            {...props}
            value={value}
            onChange={(e) => set("partitions", e.target.value)}
            placeholder="all"
            inputMode="numeric"
            spellCheck={false}
            className="font-mono"
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
            error={problems.topic}
            help={source ? `${source.partitions} partitions, ${Number(source.messages).toLocaleString("en-US")} messages retained` : undefined}
            className="w-72"
          >
            {(props) => (
              <Input
                {...props}
                value={values.topic}
                onChange={(e) => set("topic", e.target.value)}
                list={listId}
                required
                spellCheck={false}
                autoComplete="off"
                className="font-mono"
              />
            )}
          </Field>
          <PartitionPicker value={values.partitions} count={source?.partitions} set={set} problem={problems.partitions} />
        </div>
        <div className="flex flex-wrap items-start gap-x-5 gap-y-3">
          <Field label="Range" help={values.range === "all" ? "From each partition's beginning to its end now." : undefined}>
            {(props) => (
              <Select {...props} value={values.range} onChange={(e) => setRange(e.target.value as RangeKind)}>
                {Object.entries(rangeLabels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {values.range === "offsets" && (
            <>
              <Field label="From offset" help="Empty: each partition's beginning." error={problems.from} className="w-44">
                {(props) => (
                  <Input
                    {...props}
                    value={values.from}
                    onChange={(e) => set("from", e.target.value.trim())}
                    inputMode="numeric"
                    placeholder="beginning"
                    className="font-mono"
                  />
                )}
              </Field>
              <Field label="To offset (excluded)" help="Empty: each partition's end now." error={problems.to} className="w-44">
                {(props) => (
                  <Input
                    {...props}
                    value={values.to}
                    onChange={(e) => set("to", e.target.value.trim())}
                    inputMode="numeric"
                    placeholder="end"
                    className="font-mono"
                  />
                )}
              </Field>
            </>
          )}
          {values.range === "time" && (
            <>
              <Field label="From (local time)" help="Empty: the beginning." error={problems.from}>
                {(props) => (
                  <Input
                    {...props}
                    type="datetime-local"
                    step={1}
                    value={toLocalInput(values.from)}
                    onChange={(e) => set("from", fromLocalInput(e.target.value))}
                    className="font-mono"
                  />
                )}
              </Field>
              <Field label="Until (local time)" help="Empty: now." error={problems.to}>
                {(props) => (
                  <Input
                    {...props}
                    type="datetime-local"
                    step={1}
                    value={toLocalInput(values.to)}
                    onChange={(e) => set("to", fromLocalInput(e.target.value))}
                    className="font-mono"
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
          <Field label="Topic" help="Empty: back into the source topic." error={problems.target} className="w-72">
            {(props) => (
              <Input
                {...props}
                value={values.target}
                onChange={(e) => set("target", e.target.value)}
                list={listId}
                placeholder={values.topic || "same as the source"}
                spellCheck={false}
                autoComplete="off"
                className="font-mono"
              />
            )}
          </Field>
          <Field label="Compression" help="The copies' codec." className="w-52">
            {(props) => (
              <Select {...props} value={values.compression} onChange={(e) => set("compression", e.target.value as ReplayCompression)}>
                {replayCompressions.map((codec) => (
                  <option key={codec} value={codec}>
                    {codec === "topic" ? "As the target topic says" : codec === "none" ? "None" : codec}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Rate limit (events/s)" help="Empty: as fast as the brokers take it." error={problems.rate} className="w-52">
            {(props) => (
              <Input
                {...props}
                value={values.rate}
                onChange={(e) => set("rate", e.target.value.trim())}
                inputMode="numeric"
                placeholder="unlimited"
                className="font-mono"
              />
            )}
          </Field>
        </div>
      </fieldset>
    </div>
  );
}
