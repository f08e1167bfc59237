"use client";

import { useCallback, useMemo } from "react";
import { useUrlState } from "@/lib/hooks/use-url-state";
import { refreshIntervals, timeRangeFromParams, type RefreshInterval, type TimeRange } from "@/lib/metrics/time-range";

/** The view's time range, refresh and variables, read from and written to the URL so a view can be shared. */
export function useMetricsUrl(defaultRange = "1h") {
  const { params, updateUrlState: update } = useUrlState();
  const range = useMemo(() => timeRangeFromParams(params, defaultRange), [params, defaultRange]);
  const refreshParam = params.get("refresh");
  const refresh: RefreshInterval = (refreshIntervals as readonly string[]).includes(refreshParam ?? "") ? (refreshParam as RefreshInterval) : "off";

  const setRange = useCallback(
    (value: TimeRange) =>
      update((next) => {
        next.delete("range");
        next.delete("from");
        next.delete("to");
        if (value.kind === "relative") next.set("range", value.last);
        else {
          next.set("from", String(Math.round(value.from)));
          next.set("to", String(Math.round(value.to)));
        }
      }),
    [update],
  );
  const setRefresh = useCallback(
    (value: RefreshInterval) => update((next) => (value === "off" ? next.delete("refresh") : next.set("refresh", value))),
    [update],
  );
  const variable = useCallback(
    (name: string): string[] | undefined => (params.has(`var-${name}`) ? params.getAll(`var-${name}`).filter(Boolean) : undefined),
    [params],
  );
  const setVariable = useCallback(
    (name: string, values: readonly string[]) =>
      update((next) => {
        next.delete(`var-${name}`);
        // An empty marker keeps "nothing selected" apart from "not chosen yet".
        if (values.length === 0) next.append(`var-${name}`, "");
        for (const value of values) next.append(`var-${name}`, value);
      }),
    [update],
  );
  const setParam = useCallback(
    (name: string, value: string | undefined) => update((next) => (value === undefined ? next.delete(name) : next.set(name, value))),
    [update],
  );

  return { params, range, refresh, setRange, setRefresh, variable, setVariable, setParam };
}
