"use client";

import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { findDashboard, type VariableDefinition } from "@/lib/dashboards";
import type { TimeRange } from "@/lib/metrics/time-range";
import { labelValuesOptions, metricsKeys, useDashboardPanels } from "@/lib/queries/metrics";
import { PanelCard } from "./panel-card";
import { TimeControls } from "./time-controls";
import { useMetricsUrl } from "./use-metrics-url";
import { VariablePicker } from "./variable-picker";
import { StaleMarker } from "@/components/ui/stale-marker";

/** The grid's width in CSS pixels, rounded to 100 px so resizing does not refetch on every pixel. */
function useGridWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1200);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(100, Math.round((entry?.contentRect.width ?? 1200) / 100) * 100)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

interface VariableState {
  variable: VariableDefinition;
  values: string[];
  selected: string[];
  error: Error | null;
  ready: boolean;
}

/**
 * Every variable's values from Prometheus and its selection: the URL's, else the defaults that
 * exist, else the first value. `ready` once each is known (values loaded or chosen in the URL).
 */
function useVariables(variables: readonly VariableDefinition[], range: TimeRange, url: ReturnType<typeof useMetricsUrl>) {
  const results = useQueries({ queries: variables.map((v) => labelValuesOptions(v.fromLabel, v.match, range)) });
  const states: VariableState[] = variables.map((variable, i) => {
    const result = results[i]!;
    const exclude = variable.exclude ? new RegExp(variable.exclude) : undefined;
    const values = (result.data?.values ?? []).filter((value) => !exclude?.test(value));
    const fromUrl = url.variable(variable.name);
    const preferred = (variable.defaults ?? []).filter((value) => values.includes(value));
    const selected = fromUrl ?? (preferred.length ? preferred : values.slice(0, 1));
    return { variable, values, selected, error: result.error, ready: !!fromUrl || !result.isPending };
  });
  const key = JSON.stringify(states.map((s) => [s.variable.name, s.selected]));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the selection's content, not the array's identity
  const selection = useMemo(() => Object.fromEntries(states.map((s) => [s.variable.name, s.selected])), [key]);
  return { states, selection, ready: states.every((s) => s.ready) };
}

/** A dashboard: time controls and variables on top, rows of panels fed by one request per refresh. */
export function DashboardView({ id }: { id: string }) {
  const dashboard = findDashboard(id)!;
  const url = useMetricsUrl(dashboard.defaultRange);
  const { ref, width } = useGridWidth();
  const { states, selection, ready } = useVariables(dashboard.variables, url.range, url);
  const queryClient = useQueryClient();
  const { data, error, isPending, isFetching, refetch } = useDashboardPanels(dashboard.id, url.range, selection, width, url.refresh, ready);
  const byId = useMemo(() => new Map((data?.panels ?? []).map((p) => [p.id, p])), [data]);
  const zoom = (from: number, to: number) => url.setRange({ kind: "absolute", from, to });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          {states.map(({ variable, values, selected, error: variableError, ready: known }) => (
            <VariablePicker
              key={variable.name}
              label={variable.label}
              values={values}
              selected={selected}
              multi={variable.multi}
              loading={!known}
              error={variableError?.message}
              onChange={(next) => url.setVariable(variable.name, next)}
            />
          ))}
        </div>
        <TimeControls
          range={url.range}
          refresh={url.refresh}
          onRange={url.setRange}
          onRefresh={url.setRefresh}
          refreshing={isFetching}
          onRefreshNow={() => {
            void queryClient.invalidateQueries({ queryKey: metricsKeys.all });
            void refetch();
          }}
        />
      </div>
      <StaleMarker stale={!!error && !!data} error={error} lead="Showing older data" />
      <div ref={ref} className="space-y-5" data-testid="dashboard" data-ready={!!data && !isFetching}>
        {dashboard.rows.map((row) => (
          <section key={row.title} aria-label={row.title} className="space-y-2">
            <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">{row.title}</h2>
            <div className="grid grid-cols-12 gap-3">
              {row.panels.map((panel) => (
                <PanelCard key={panel.id} panel={panel} data={byId.get(panel.id)} requestError={error} isPending={isPending} onZoom={zoom} />
              ))}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
