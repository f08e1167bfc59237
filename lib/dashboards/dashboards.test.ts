import { describe, expect, it } from "vitest";
import { interpolateQuery } from "@/lib/metrics/promql";
import { dashboardPanels, dashboards, findDashboard } from ".";

describe("dashboards", () => {
  it("have unique ids, and unique panel ids within each", () => {
    expect(new Set(dashboards.map((d) => d.id)).size).toBe(dashboards.length);
    for (const dashboard of dashboards) {
      const ids = dashboardPanels(dashboard).map((p) => p.id);
      expect(new Set(ids).size, dashboard.id).toBe(ids.length);
    }
  });

  it("ship the four dashboards with their variables", () => {
    expect(findDashboard("system-overview")?.variables).toEqual([]);
    expect(findDashboard("service")?.variables.map((v) => v.name)).toEqual(["service"]);
    expect(findDashboard("consumer-group")?.variables.map((v) => v.name)).toEqual(["group"]);
    expect(findDashboard("eventdeck")).toBeDefined();
  });

  it("leave no macro or variable unreplaced", () => {
    for (const dashboard of dashboards) {
      const variables = Object.fromEntries(dashboard.variables.map((v) => [v.name, ["x"]]));
      for (const panel of dashboardPanels(dashboard)) {
        const query = interpolateQuery(panel.query, { step: 15, rateInterval: 15, range: 3_600, variables });
        expect(query, `${dashboard.id}/${panel.id}`).not.toMatch(/\$/);
      }
    }
  });
});
