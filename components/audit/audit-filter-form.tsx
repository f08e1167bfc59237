"use client";

import { Filter, X } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { actionPattern, auditOutcomes, sincePresets, type AuditFilters, type SincePreset } from "@/lib/audit/filters";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { InlineError } from "@/components/ui/inline-error";

/** Actions the console records under a dotted name; changes made through the API are named by method and route instead. */
const actionSuggestions = [
  "auth.",
  "auth.signin",
  "auth.signout",
  "replay.",
  "replay.create",
  "replay.pause",
  "replay.resume",
  "replay.cancel",
  "replay.rewind",
  "replay.finish",
];

/** An ISO instant as a datetime-local value in the browser's time zone, and back. */
const toLocalInput = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
};

const isPreset = (since: string): since is SincePreset => Object.hasOwn(sincePresets, since);

/**
 * The audit filters: text fields apply on Enter or "Apply", the outcome and time choices at once.
 * Remounted (by key) when the URL changes, so it always starts from what the list shows.
 */
export function AuditFilterForm({ filters, onApply }: { filters: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const ids = useId();
  const [draft, setDraft] = useState(filters);
  const [custom, setCustom] = useState(filters.since !== "" && !isPreset(filters.since));
  const actionProblem = actionPattern.test(draft.action.trim()) ? undefined : "An action or its prefix, such as replay. or POST /api/kafka";
  const trimmed = (next: AuditFilters): AuditFilters => ({ ...next, action: next.action.trim(), actor: next.actor.trim(), target: next.target.trim() });
  const apply = (next: AuditFilters) => {
    setDraft(next);
    if (actionPattern.test(next.action.trim())) onApply(trimmed(next));
  };
  const sinceChoice = custom ? "custom" : draft.since;

  return (
    <form
      aria-label="Filter the audit log"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={`${ids}-action`} className="text-muted">
          Action (prefix)
        </label>
        <Input
          id={`${ids}-action`}
          list={`${ids}-actions`}
          value={draft.action}
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          placeholder="replay."
          spellCheck={false}
          aria-invalid={actionProblem ? true : undefined}
          aria-describedby={actionProblem ? `${ids}-action-problem` : undefined}
          className="w-36 font-mono"
        />
        <datalist id={`${ids}-actions`}>
          {actionSuggestions.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={`${ids}-actor`} className="text-muted">
          Who
        </label>
        <Input
          id={`${ids}-actor`}
          value={draft.actor}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          placeholder="user name"
          spellCheck={false}
          className="w-32 font-mono"
        />
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={`${ids}-target`} className="text-muted">
          Target (exact)
        </label>
        <Input
          id={`${ids}-target`}
          value={draft.target}
          onChange={(e) => setDraft({ ...draft, target: e.target.value })}
          placeholder="/api/kafka/topics"
          spellCheck={false}
          className="w-52 font-mono"
        />
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={`${ids}-outcome`} className="text-muted">
          Outcome
        </label>
        <Select id={`${ids}-outcome`} value={draft.outcome} onChange={(e) => apply({ ...draft, outcome: e.target.value as AuditFilters["outcome"] })}>
          <option value="">Any</option>
          {auditOutcomes.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={`${ids}-since`} className="text-muted">
          Since
        </label>
        <Select
          id={`${ids}-since`}
          value={sinceChoice}
          onChange={(e) => {
            const value = e.target.value;
            setCustom(value === "custom");
            // A custom start begins an hour back, to the minute; it applies with "Apply".
            if (value === "custom") setDraft({ ...draft, since: new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000).toISOString() });
            else apply({ ...draft, since: value });
          }}
        >
          <option value="">Any time</option>
          {Object.entries(sincePresets).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
          <option value="custom">From a time…</option>
        </Select>
      </div>
      {custom && (
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={`${ids}-from`} className="text-muted">
            From (local time)
          </label>
          <Input
            id={`${ids}-from`}
            type="datetime-local"
            value={toLocalInput(draft.since)}
            onChange={(e) => setDraft({ ...draft, since: fromLocalInput(e.target.value) })}
            className="font-mono"
          />
        </div>
      )}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={!!actionProblem}>
          <Filter aria-hidden className="size-4" /> Apply
        </Button>
        <Button
          onClick={() => {
            setCustom(false);
            apply({ action: "", actor: "", target: "", outcome: "", since: "", limit: draft.limit });
          }}
        >
          <X aria-hidden className="size-4" /> Clear
        </Button>
      </div>
      {actionProblem && (
        <InlineError id={`${ids}-action-problem`} className="basis-full">
          {actionProblem}
        </InlineError>
      )}
    </form>
  );
}
