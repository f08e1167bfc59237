import { consumerGroupDashboard } from "./consumer-group";
import { eventdeckDashboard } from "./eventdeck";
import { serviceDashboard } from "./service";
import { systemOverviewDashboard } from "./system-overview";
import type { DashboardDefinition } from "./types";

export type { DashboardDefinition, DashboardRow, PanelDefinition, PanelType, VariableDefinition } from "./types";

/** Every dashboard the console ships, in the order the list shows them. */
export const dashboards: readonly DashboardDefinition[] = [systemOverviewDashboard, serviceDashboard, consumerGroupDashboard, eventdeckDashboard];

/** The dashboard with this id, or undefined. */
export function findDashboard(id: string): DashboardDefinition | undefined {
  return dashboards.find((dashboard) => dashboard.id === id);
}

/** A dashboard's panels in reading order. */
export function dashboardPanels(dashboard: DashboardDefinition) {
  return dashboard.rows.flatMap((row) => row.panels);
}
