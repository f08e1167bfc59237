"use client";

import { Search, Square } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { checkFilter } from "@/lib/kafka/filter";
import type { BrowseSettings } from "@/lib/queries/kafka-messages";
import { scanLimits, type StartMode } from "@/lib/schemas/kafka-messages";
import { MessageFilterInput } from "./message-filter-input";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

const startLabels: Record<StartMode, string> = {
  latest: "Latest messages",
  earliest: "Earliest",
  offset: "An offset",
  timestamp: "A time",
};

/** ISO instant ⇄ the local "YYYY-MM-DDTHH:mm:ss" a datetime-local input shows. */
function toLocalInput(iso: string): string {
  const date = new Date(/^\d+$/.test(iso) ? Number(iso) : iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

function fromLocalInput(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

/** The browser's settings: partitions, where to start, the filter and the caps. Submitting puts them in the URL. */
export function MessageBrowserForm({
  initial,
  partitions,
  running,
  onSubmit,
  onStop,
}: {
  initial: BrowseSettings;
  partitions: number[] | undefined;
  running: boolean;
  onSubmit: (settings: BrowseSettings) => void;
  onStop: () => void;
}) {
  const [settings, setSettings] = useState(initial);
  const set = <K extends keyof BrowseSettings>(key: K, value: BrowseSettings[K]) => setSettings((s) => ({ ...s, [key]: value }));
  const filterError = settings.filter.trim() ? checkFilter(settings.filter) : null;
  const missingTime = settings.start === "timestamp" && !settings.timestamp;
  const togglePartition = (partition: number, on: boolean) =>
    set("partitions", on ? [...settings.partitions, partition].sort((a, b) => a - b) : settings.partitions.filter((p) => p !== partition));

  return (
    <form
      aria-label="Browse messages"
      className="space-y-3 rounded-lg border border-line bg-surface p-4 shadow-xs"
      onSubmit={(event) => {
        event.preventDefault();
        if (!filterError && !missingTime) onSubmit(settings);
      }}
    >
      <div className="flex flex-wrap items-end gap-x-5 gap-y-3 text-sm">
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-muted">Partitions</legend>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1">
            <label className="inline-flex items-center gap-1.5">
              <input type="checkbox" checked={settings.partitions.length === 0} onChange={() => set("partitions", [])} />
              All
            </label>
            {(partitions ?? []).map((p) => (
              <label key={p} className="inline-flex items-center gap-1.5 font-mono">
                <input
                  type="checkbox"
                  checked={settings.partitions.includes(p)}
                  onChange={(e) => togglePartition(p, e.target.checked)}
                  aria-label={`Partition ${p}`}
                />
                {p}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex flex-col gap-1">
          <span className="text-muted">Start at</span>
          <Select value={settings.start} onChange={(e) => set("start", e.target.value as StartMode)} className="py-1">
            {Object.entries(startLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </label>
        {settings.start === "latest" && (
          <label className="flex flex-col gap-1">
            <span className="text-muted">Last N per partition</span>
            <Input
              type="number"
              min={1}
              max={scanLimits.maxScan}
              value={settings.count}
              onChange={(e) => set("count", Number(e.target.value))}
              className="py-1 w-28 font-mono"
            />
          </label>
        )}
        {settings.start === "offset" && (
          <label className="flex flex-col gap-1">
            <span className="text-muted">Offset</span>
            <Input
              inputMode="numeric"
              pattern="\d+"
              required
              value={settings.offset}
              onChange={(e) => set("offset", e.target.value.trim())}
              className="py-1 w-36 font-mono"
            />
          </label>
        )}
        {settings.start === "timestamp" && (
          <label className="flex flex-col gap-1">
            <span className="text-muted">From (local time)</span>
            <Input
              type="datetime-local"
              step={1}
              required
              value={toLocalInput(settings.timestamp)}
              onChange={(e) => set("timestamp", fromLocalInput(e.target.value))}
              className="py-1 font-mono"
            />
          </label>
        )}
        <label className="flex flex-col gap-1">
          <span className="text-muted">Scan at most</span>
          <Input
            type="number"
            min={1}
            max={scanLimits.maxScan}
            value={settings.maxScan}
            onChange={(e) => set("maxScan", Number(e.target.value))}
            className="py-1 w-32 font-mono"
          />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-muted">Show at most</span>
          <Input
            type="number"
            min={1}
            max={scanLimits.maxMatches}
            value={settings.maxMatches}
            onChange={(e) => set("maxMatches", Number(e.target.value))}
            className="py-1 w-24 font-mono"
          />
        </label>
      </div>
      <div className="flex flex-wrap items-start gap-3">
        <MessageFilterInput id="message-filter" value={settings.filter} onChange={(filter) => set("filter", filter)} className="min-w-72 flex-1" />
        <div className="flex gap-2 pt-6">
          <Button type="submit" variant="primary" disabled={!!filterError || missingTime}>
            <Search aria-hidden className="size-4" /> Search
          </Button>
          <Button onClick={onStop} disabled={!running}>
            <Square aria-hidden className="size-4" /> Stop
          </Button>
        </div>
      </div>
    </form>
  );
}
