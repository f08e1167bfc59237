import { findDashboard } from "@/lib/dashboards";
import { resolveTimeRange } from "@/lib/metrics/time-range";
import { AppError } from "@/server/http/errors";
import { handle } from "@/server/http/route";
import { fetchDashboardPanels } from "@/server/prometheus/panels";

export const dynamic = "force-dynamic";

/** Every panel of a dashboard for a range and variables; a panel whose query fails carries its own error. */
export const POST = handle("POST /api/prometheus/panels", async ({ body: input }) => {
  const dashboard = findDashboard(input.dashboard);
  if (!dashboard) throw new AppError("NOT_FOUND", `No dashboard "${input.dashboard}"`);
  const { start, end } = resolveTimeRange("last" in input.range ? { kind: "relative", last: input.range.last } : { kind: "absolute", ...input.range });
  const panels = await fetchDashboardPanels(dashboard, { start, end, width: input.width, variables: input.variables, panelIds: input.panels });
  return { dashboard: dashboard.id, start, end, panels };
});
