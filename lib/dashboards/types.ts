import type { PanelUnit } from "@/lib/metrics/units";

export type PanelType = "timeseries" | "stacked" | "stat" | "bar";

export interface PanelDefinition {
  /** Stable within its dashboard: the API answers per id. */
  id: string;
  title: string;
  /** PromQL; may use `$__rate_interval`, `$__interval`, `$__range` and the dashboard's variables (inside `=~"…"`). */
  query: string;
  /** Legend per series, e.g. "{{topic}}"; without one, the series' labels. */
  legend?: string;
  unit: PanelUnit;
  type: PanelType;
  /** Columns of a 12-column row. */
  span: 3 | 4 | 6 | 8 | 12;
  /** For stat panels: the value turns amber at `warn` and red at `bad` (or below them when `lowerIsWorse`). */
  thresholds?: { warn: number; bad: number; lowerIsWorse?: boolean };
  description?: string;
}

export interface VariableDefinition {
  /** Used as `$name` in queries and `var-name` in the URL. */
  name: string;
  label: string;
  /** Values come from this label of the series matching `match`, within the dashboard's range. */
  fromLabel: string;
  match: string;
  multi: boolean;
  /** Preferred initial values (those that exist); otherwise the first value. */
  defaults?: readonly string[];
  /** Values matching this pattern are left out of the list (test and benchmark leftovers). */
  exclude?: string;
}

export interface DashboardRow {
  title: string;
  panels: readonly PanelDefinition[];
}

export interface DashboardDefinition {
  id: string;
  title: string;
  description: string;
  variables: readonly VariableDefinition[];
  rows: readonly DashboardRow[];
  /** The range a dashboard opens with. */
  defaultRange: string;
}
