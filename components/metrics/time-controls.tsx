"use client";

import { RefreshCw, ZoomOut } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describeTimeRange, refreshIntervals, relativeRanges, type RefreshInterval, type TimeRange } from "@/lib/metrics/time-range";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

const toLocalInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/** Range picker (last 5m … 7d, or absolute bounds), auto refresh, and a manual refresh. */
export function TimeControls({
  range,
  refresh,
  onRange,
  onRefresh,
  onRefreshNow,
  refreshing,
}: {
  range: TimeRange;
  refresh: RefreshInterval;
  onRange: (range: TimeRange) => void;
  onRefresh: (refresh: RefreshInterval) => void;
  onRefreshNow: () => void;
  refreshing: boolean;
}) {
  const [custom, setCustom] = useState<{ from: string; to: string } | null>(null);
  const selected = range.kind === "relative" ? range.last : "absolute";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="flex items-center gap-1.5 text-sm text-muted">
        Range
        <Select
          aria-label="Time range"
          value={custom ? "absolute" : selected}
          onChange={(event) => {
            const value = event.target.value;
            if (value === "absolute") {
              const now = Date.now();
              setCustom({
                from: toLocalInput(range.kind === "absolute" ? range.from : now - 3_600_000),
                to: toLocalInput(range.kind === "absolute" ? range.to : now),
              });
            } else {
              setCustom(null);
              onRange({ kind: "relative", last: value });
            }
          }}
        >
          {relativeRanges.map((r) => (
            <option key={r} value={r}>
              Last {r}
            </option>
          ))}
          <option value="absolute">{range.kind === "absolute" ? describeTimeRange(range) : "Absolute…"}</option>
        </Select>
      </label>
      {custom && (
        <form
          className="flex items-center gap-1.5 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            const from = new Date(custom.from).getTime();
            const to = new Date(custom.to).getTime();
            if (Number.isFinite(from) && Number.isFinite(to) && to > from) {
              onRange({ kind: "absolute", from, to });
              setCustom(null);
            }
          }}
        >
          <Input aria-label="From" type="datetime-local" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
          <span className="text-muted">→</span>
          <Input aria-label="To" type="datetime-local" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
          <Button type="submit">Apply</Button>
        </form>
      )}
      {range.kind === "absolute" && !custom && (
        <Button onClick={() => onRange({ kind: "relative", last: "1h" })} title="Back to the last hour">
          <ZoomOut aria-hidden className="size-4" /> Reset zoom
        </Button>
      )}
      <label className="flex items-center gap-1.5 text-sm text-muted">
        Refresh
        <Select aria-label="Auto refresh" value={refresh} onChange={(e) => onRefresh(e.target.value as RefreshInterval)}>
          {refreshIntervals.map((r) => (
            <option key={r} value={r}>
              {r === "off" ? "Off" : `Every ${r}`}
            </option>
          ))}
        </Select>
      </label>
      <Button onClick={onRefreshNow} aria-label="Refresh now" disabled={refreshing}>
        <RefreshCw aria-hidden className={refreshing ? "size-4 animate-spin" : "size-4"} />
      </Button>
    </div>
  );
}
