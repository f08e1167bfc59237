import { dashboardPanels, dashboards } from "@/lib/dashboards";
import { handle } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** The dashboards the console ships: ids, titles, variables and panel counts. */
export const GET = handle("GET /api/prometheus/dashboards", async () => ({
  dashboards: dashboards.map((d) => ({
    id: d.id,
    title: d.title,
    description: d.description,
    variables: d.variables.map((v) => v.name),
    panels: dashboardPanels(d).length,
  })),
}));
