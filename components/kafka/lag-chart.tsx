"use client";

import { useState } from "react";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { formatCount } from "@/lib/format";
import { useLagHistory } from "@/lib/queries/kafka";
import { InlineError } from "@/components/ui/inline-error";

const ranges = ["15m", "1h", "6h", "24h"] as const;
/** Clock time for an axis tick; seconds too while the history spans less than ten minutes. */
const clock = (withSeconds: boolean) => (t: number) =>
  new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", ...(withSeconds ? { second: "2-digit" } : {}) });

/** The group's total lag over time, from the console's lag exporter as Prometheus recorded it. */
export function LagChart({ groupId }: { groupId: string }) {
  const [range, setRange] = useState<(typeof ranges)[number]>("1h");
  const { data, error, isPending } = useLagHistory(groupId, range);
  const points = data?.points ?? [];
  const time = clock(points.length > 1 && points.at(-1)!.t - points[0]!.t < 10 * 60_000);
  return (
    <Card className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">Lag over time</h2>
        <div role="group" aria-label="Time range" className="flex gap-1 text-xs">
          {ranges.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={r === range}
              onClick={() => setRange(r)}
              className={cn("rounded px-2 py-0.5 text-muted hover:bg-canvas", r === range && "bg-canvas font-medium text-ink")}
            >
              {r}
            </button>
          ))}
        </div>
      </div>
      {isPending ? (
        <Skeleton className="h-48 w-full" />
      ) : error && !data ? (
        <InlineError>Lag history is unavailable: {error.message}</InlineError>
      ) : data && data.points.length === 0 ? (
        <p className="py-12 text-center text-sm text-muted">
          Prometheus has no lag recorded for this group in the last {range} yet. It scrapes the console every few seconds.
        </p>
      ) : (
        <div className="h-48" data-testid="lag-chart">
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--color-line)" vertical={false} />
              <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={time} stroke="var(--color-muted)" fontSize={11} />
              <YAxis width={56} tickFormatter={(v: number) => formatCount(v)} stroke="var(--color-muted)" fontSize={11} allowDecimals={false} />
              <Tooltip
                labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
                formatter={(v) => [formatCount(Number(v)), "lag"]}
                contentStyle={{ background: "var(--color-surface)", border: "1px solid var(--color-line)", fontSize: 12 }}
              />
              <Area type="stepAfter" dataKey="lag" stroke="var(--color-accent)" fill="var(--color-accent)" fillOpacity={0.15} isAnimationActive={false} />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}
