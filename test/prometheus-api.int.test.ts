import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runLoad } from "@/services/loadgen/load";
import { ports } from "@/stack/settings";
import type { InstantQueryResponse, LabelValuesResponse, PanelsResponse, RangeQueryResponse } from "@/lib/schemas/metrics";
import { stackAddresses } from "./support/stack";

vi.stubEnv("PROMETHEUS_URL", stackAddresses.prometheusUrl);
vi.stubEnv("BACKEND_TIMEOUT_MS", "10000");
delete (globalThis as Record<string, unknown>).eventdeckConfig;

const panelsRoute = await import("@/app/api/prometheus/panels/route");
const queryRoute = await import("@/app/api/prometheus/query/route");
const rangeRoute = await import("@/app/api/prometheus/query_range/route");
const labelValuesRoute = await import("@/app/api/prometheus/label-values/route");
const autocompleteRoute = await import("@/app/api/prometheus/autocomplete/[...path]/route");
const { getConsoleMetrics } = await import("@/server/metrics/registry");

const ordersUrl = `http://127.0.0.1:${ports.orders}`;
const accountsUrl = `http://127.0.0.1:${ports.accounts}`;
const stackCli = (...args: string[]) => execFileSync("npx", ["tsx", join(import.meta.dirname, "..", "stack", "cli.ts"), ...args], { encoding: "utf8" });

let startedServices = false;
let consoleExporter: Server | undefined;

const get = (handler: (request: Request, context: never) => Promise<Response>, path: string) => handler(new Request(`http://localhost${path}`), {} as never);
const postPanels = (body: unknown) =>
  panelsRoute.POST(
    new Request("http://localhost/api/prometheus/panels", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", "x-eventdeck-csrf": "1" },
    }),
    {} as never,
  );

/** Polls an instant query through our API until it returns a series with a value above zero. */
async function waitForSeries(query: string, timeoutMs = 40_000): Promise<InstantQueryResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await get(queryRoute.GET, `/api/prometheus/query?query=${encodeURIComponent(query)}`);
    const body = (await response.json()) as InstantQueryResponse;
    if (response.status === 200 && body.series.some((s) => (s.points[0]?.[1] ?? 0) > 0)) return body;
    if (Date.now() > deadline) throw new Error(`no series for ${query} within ${timeoutMs} ms`);
    await sleep(1000);
  }
}

beforeAll(async () => {
  const status = JSON.parse(stackCli("status", "--json")) as Record<string, unknown>;
  if (!status.orders || !status.accounts || !status.fulfillment) {
    stackCli("up", "services");
    startedServices = true;
  }
  // Prometheus scrapes the console on port 3000. With no console there, this process serves its
  // own registry on that port so the console's series reach Prometheus from calls made here.
  consoleExporter = await new Promise<Server | undefined>((resolve) => {
    const server = createServer(async (_req, res) => {
      const { registry } = getConsoleMetrics();
      res.setHeader("content-type", registry.contentType);
      res.end(await registry.metrics());
    });
    server.once("error", () => resolve(undefined));
    server.listen(ports.console, "127.0.0.1", () => resolve(server));
  });
  await runLoad({ accountsUrl, ordersUrl, rate: 5, durationMs: 4_000, customers: 5, inactiveShare: 0.2, maxInFlight: 20, waitMs: 0 });
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => (consoleExporter ? consoleExporter.close(resolve) : resolve(undefined)));
  if (startedServices) stackCli("down", "services");
});

describe("Prometheus API against the stack's Prometheus", () => {
  it("finds the storefront's series after a short load", async () => {
    const body = await waitForSeries("sum by (topic) (rate(storefront_events_produced_total[30s]))");
    expect(body.resultType).toBe("vector");
    expect(body.series.map((s) => s.labels.topic)).toEqual(expect.arrayContaining([expect.stringMatching(/order/)]));
  });

  it("answers every System overview panel with data and a server-chosen step", async () => {
    await waitForSeries('sum(rate(storefront_events_produced_total{type="OrderCreated"}[30s]))');
    const ids = ["events-per-second", "orders-per-second", "http-p95", "error-ratio", "events-in", "events-out", "orders", "error-rate", "requests-by-service"];
    // Short rate windows need a few scrapes of freshly started services: ask until every panel
    // has a series (or 40 s pass), then check what the last answer says.
    let body: PanelsResponse | undefined;
    for (const deadline = Date.now() + 40_000; ; await sleep(2_000)) {
      const response = await postPanels({ dashboard: "system-overview", range: { last: "5m" }, width: 1200 });
      expect(response.status).toBe(200);
      body = (await response.json()) as PanelsResponse;
      const answered = new Set(body.panels.filter((p) => p.series.length > 0).map((p) => p.id));
      if (ids.every((id) => answered.has(id)) || Date.now() > deadline) break;
    }
    const byId = Object.fromEntries(body.panels.map((p) => [p.id, p]));
    for (const id of ids) {
      expect(byId[id]?.error, id).toBeUndefined();
      expect(byId[id]?.series.length, id).toBeGreaterThan(0);
    }
    // A 5-minute range on a half-width panel: every scrape, windows of four scrapes.
    expect(byId["events-in"]?.step).toBe(2);
    expect(byId["events-in"]?.query).toContain("[8s]");
  });

  it("keeps a 7-day range under 1,000 points per series, rate windows following the step", async () => {
    const response = await postPanels({ dashboard: "service", range: { last: "7d" }, variables: { service: ["orders"] }, width: 4000 });
    const body = (await response.json()) as PanelsResponse;
    expect(response.status).toBe(200);
    for (const panel of body.panels) {
      expect(panel.error, panel.id).toBeUndefined();
      for (const series of panel.series) expect(series.points.length, panel.id).toBeLessThanOrEqual(1_000);
    }
    const rate = body.panels.find((p) => p.id === "request-rate")!;
    expect(rate.step).toBeGreaterThanOrEqual(600);
    expect(rate.query).toContain('service=~"orders"');
    expect(rate.series.every((s) => s.labels.service === "orders")).toBe(true);
  });

  it("exposes the console's own series once Prometheus has scraped it", async () => {
    for (let i = 0; i < 5; i++) await postPanels({ dashboard: "eventdeck", range: { last: "5m" } });
    await waitForSeries('sum(eventdeck_http_requests_total{route="/api/prometheus/panels"})');
    await waitForSeries('sum(eventdeck_backend_call_duration_seconds_count{backend="prometheus", operation="query_range"})');
  });

  it("runs range queries with a step of its own choosing when the asked one is too fine", async () => {
    const end = Math.floor(Date.now() / 1000);
    const response = await get(
      rangeRoute.GET,
      `/api/prometheus/query_range?query=${encodeURIComponent("sum(storefront_http_requests_total)")}&start=${end - 86_400}&end=${end}&step=1`,
    );
    const body = (await response.json()) as RangeQueryResponse;
    expect(response.status).toBe(200);
    expect(body.step).toBeGreaterThan(1);
    expect(body.series[0]!.points.length).toBeLessThanOrEqual(1_000);
  });

  it("lists label values for variables", async () => {
    const response = await get(
      labelValuesRoute.GET,
      `/api/prometheus/label-values?label=service&match=${encodeURIComponent("storefront_http_requests_total")}`,
    );
    const body = (await response.json()) as LabelValuesResponse;
    expect(body.values).toEqual(expect.arrayContaining(["accounts", "fulfillment", "orders"]));
  });

  it("answers a PromQL syntax error with 400, Prometheus's message and the position", async () => {
    const response = await get(queryRoute.GET, `/api/prometheus/query?query=${encodeURIComponent("sum(rate(storefront_http_requests_total[1m])) by")}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; details?: { position?: { line: number; column: number } } } };
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.message).toMatch(/parse error/);
    expect(body.error.details?.position).toEqual({ line: 1, column: expect.any(Number) });
  });

  it("rejects bad input before asking Prometheus", async () => {
    expect((await get(queryRoute.GET, "/api/prometheus/query?query=")).status).toBe(400);
    expect((await get(rangeRoute.GET, "/api/prometheus/query_range?query=up&start=10&end=5")).status).toBe(400);
    expect((await postPanels({ dashboard: "no-such-dashboard", range: { last: "1h" } })).status).toBe(404);
    expect((await postPanels({ dashboard: "service", range: { last: "forever" } })).status).toBe(400);
  });

  it("serves autocompletion from a whitelist of read-only endpoints", async () => {
    const call = (path: string[], search = "") =>
      autocompleteRoute.GET(new Request(`http://localhost/api/prometheus/autocomplete/${path.join("/")}${search}`), { params: Promise.resolve({ path }) });
    const names = await call(["api", "v1", "label", "__name__", "values"]);
    expect(names.status).toBe(200);
    expect(((await names.json()) as { data: string[] }).data).toContain("storefront_http_requests_total");
    expect((await call(["api", "v1", "admin", "tsdb", "delete_series"])).status).toBe(404);
    expect((await call(["api", "v1", "query"], "?query=up")).status).toBe(404);
  });
});
