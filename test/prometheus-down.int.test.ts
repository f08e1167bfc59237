import { describe, expect, it, vi } from "vitest";

// Nothing listens on port 1: every Prometheus call fails at once, as with a server that is down.
vi.stubEnv("PROMETHEUS_URL", "http://127.0.0.1:1");
vi.stubEnv("BACKEND_TIMEOUT_MS", "1000");
delete (globalThis as Record<string, unknown>).eventdeckConfig;
const queryRoute = await import("@/app/api/prometheus/query/route");
const panelsRoute = await import("@/app/api/prometheus/panels/route");

describe("Prometheus API with Prometheus unreachable", () => {
  it("answers Explore queries with 503 and a readable reason", async () => {
    const response = await queryRoute.GET(new Request("http://localhost/api/prometheus/query?query=up"), {} as never);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.error.code).toBe("PROMETHEUS_UNAVAILABLE");
    expect(body.error.message).toMatch(/^Prometheus is unavailable: /);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
  });

  it("answers a dashboard with 200 and the reason on every panel, so the page stays up", async () => {
    const request = new Request("http://localhost/api/prometheus/panels", {
      method: "POST",
      headers: { "x-eventdeck-csrf": "1" },
      body: JSON.stringify({ dashboard: "system-overview", range: { last: "1h" } }),
    });
    const response = await panelsRoute.POST(request, {} as never);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { panels: Array<{ error?: { code: string; message: string } }> };
    expect(body.panels.length).toBeGreaterThan(0);
    for (const panel of body.panels) expect(panel.error?.code).toBe("PROMETHEUS_UNAVAILABLE");
  });
});
