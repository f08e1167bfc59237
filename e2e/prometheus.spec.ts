import { expect, prometheusUrl, stack, test } from "./fixtures";
import { OverviewPage } from "./pages/overview-page";

test.describe.configure({ mode: "serial" });

test("Prometheus scrapes the console's own metrics", async ({ request }) => {
  // Serve a few requests so the counter for this route exists, then wait for a scrape.
  for (let i = 0; i < 3; i++) expect((await request.get("/api/health")).status()).toBe(200);
  const query = 'eventdeck_http_requests_total{route="/api/health",method="GET",status="200"}';
  await expect
    .poll(
      async () => {
        const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
        const body = (await response.json()) as { data: { result: Array<{ value: [number, string] }> } };
        return Number(body.data.result[0]?.value[1] ?? 0);
      },
      { timeout: 30_000, intervals: [1000] },
    )
    .toBeGreaterThanOrEqual(3);
});

test("a stopped Prometheus turns only its own card red", async ({ page, request, snap }) => {
  stack("down", "prometheus");
  try {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const report = (await response.json()) as { backends: Record<string, { status: string; reason?: string }> };
    expect(report.backends.prometheus?.status).toBe("down");
    expect(report.backends.prometheus?.reason).toMatch(/Prometheus is unavailable/);
    expect(report.backends.kafka?.status).toBe("up");
    expect(report.backends.mongo?.status).toBe("up");

    const overview = new OverviewPage(page);
    await overview.goto();
    await expect(overview.card("Prometheus")).toHaveAttribute("data-status", "down");
    await expect(overview.reason("Prometheus")).toContainText("Prometheus is unavailable");
    await expect(overview.card("Kafka")).toHaveAttribute("data-status", "up");
    await expect(overview.card("MongoDB")).toHaveAttribute("data-status", "up");
    await snap("overview-prometheus-down");
  } finally {
    stack("up", "prometheus");
  }
  await page.reload();
  await expect(new OverviewPage(page).card("Prometheus")).toHaveAttribute("data-status", "up");
});
