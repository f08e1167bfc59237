import { expect, stack, test } from "./fixtures";
import { DashboardPage, ExplorePage } from "./pages/metrics-pages";

test.describe.configure({ mode: "serial" });

// Panels fed by the console's lag exporter or its own metrics only have fresh data when
// Prometheus scrapes this console, which it does on port 3000 alone.
const scrapedConsole = (process.env.PORT ?? "3000") === "3000";
const consoleFedPanels = new Set(["lag-per-group"]);

test.beforeAll(() => {
  // The dashboards chart the storefront under load: make sure it runs (a no-op when it does).
  const status = JSON.parse(stack("status", "--json")) as Record<string, boolean>;
  if (!status.orders || !status.loadgen) stack("up", "services", "loadgen");
});

test("System overview shows data in every panel during load", async ({ page, snap, expectAccessible }) => {
  const dashboard = new DashboardPage(page);
  await dashboard.goto("system-overview", "?range=15m");
  await expect(dashboard.panels()).toHaveCount(10);
  await expect(async () => {
    await page.reload();
    await dashboard.waitForPanels();
    for (const panel of await dashboard.panels().all()) {
      const id = await panel.getAttribute("data-panel");
      if (!scrapedConsole && consoleFedPanels.has(id!)) continue;
      await expect(panel, id!).toHaveAttribute("data-state", "data", { timeout: 1_000 });
    }
  }).toPass({ timeout: 45_000, intervals: [2_000, 5_000] });
  await expect(dashboard.panel("events-in").getByTestId("time-series-chart")).toBeVisible();
  await expect(dashboard.panel("events-in").getByTestId("time-series-chart")).not.toHaveAttribute("data-points", "0");
  await expect(dashboard.panel("events-in").locator(".recharts-area")).not.toHaveCount(0);
  await snap("metrics-system-overview");
  await expectAccessible();
});

test("changing the range and the variable updates the URL and the charts", async ({ page, snap, expectAccessible }) => {
  const dashboard = new DashboardPage(page);
  // Refreshing every 5 s: services the suite has just started may have too few scrapes at first.
  await dashboard.goto("service", "?range=1h&refresh=5s");
  await expect(dashboard.panel("request-rate")).toHaveAttribute("data-state", "data");
  const stepText = async () => dashboard.panel("request-rate").locator("span.font-mono").first().textContent();
  const stepBefore = await stepText();

  await dashboard.rangeSelect().selectOption("24h");
  await expect(page).toHaveURL(/range=24h/);
  await expect.poll(stepText).not.toBe(stepBefore);

  await dashboard.variableButton("Service").click();
  await dashboard.variableOption("accounts").click();
  await expect(page).toHaveURL(/var-service=accounts/);
  await page.keyboard.press("Escape");
  await expect(
    dashboard
      .panel("request-rate")
      .getByRole("button", { name: /^accounts / })
      .first(),
  ).toBeVisible({ timeout: 45_000 });
  await expect(dashboard.panel("memory").getByRole("button", { name: "accounts" })).toBeVisible({ timeout: 45_000 });
  await expect(dashboard.panel("cpu")).toHaveAttribute("data-state", "data");

  // The view is in the URL: reloading it gives the same selection.
  await page.reload();
  await expect(page.getByTestId("variable-Service")).toContainText("accounts");
  await expect(dashboard.rangeSelect()).toHaveValue("24h");
  await dashboard.rangeSelect().selectOption("15m");
  await expect(dashboard.panel("latency")).toHaveAttribute("data-state", "data");
  await snap("metrics-service");
  await expectAccessible();
});

test("Consumer group and Eventdeck dashboards render every panel, each with its own state", async ({ page, snap, expectAccessible }) => {
  const dashboard = new DashboardPage(page);
  for (const [id, name] of [
    ["consumer-group", "metrics-consumer-group"],
    ["eventdeck", "metrics-eventdeck"],
  ] as const) {
    await dashboard.goto(id, "?range=6h");
    await expect(dashboard.panels().first()).toBeVisible();
    await expect(page.locator('[data-testid="panel"][data-state="loading"]')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.locator('[data-testid="panel"][data-state="error"]')).toHaveCount(0);
    if (scrapedConsole) await expect(page.locator('[data-testid="panel"][data-state="data"]').first()).toBeVisible();
    await snap(name);
    await expectAccessible();
  }
});

test("Explore completes metric names, runs the query and points at syntax errors", async ({ page, snap, expectAccessible }) => {
  const explore = new ExplorePage(page);
  await explore.goto();
  await explore.editor().click();
  await page.keyboard.type("storefront_events_pro");
  // Metric names arrive from Prometheus after a moment and the list re-renders: pick the
  // option itself rather than pressing Enter on whatever is selected at that instant.
  const option = explore
    .completions()
    .getByRole("option")
    .filter({ hasText: /^storefront_events_produced_total/ })
    .first();
  await option.click();
  await expect(explore.editor()).toHaveText("storefront_events_produced_total");
  await explore.editor().click();
  await page.keyboard.press("End");
  await page.keyboard.type("[1m]");
  await page.keyboard.press("Home");
  await page.keyboard.type("sum by (topic) (rate(");
  await page.keyboard.press("End");
  await page.keyboard.type("))");
  // Typing reopens the completion list; close it before leaving the editor, as a person would.
  await page.keyboard.press("Escape");
  await expect(explore.completions()).toHaveCount(0);
  await explore.runButton().click();
  await expect(page).toHaveURL(/q=sum/);
  await expect(explore.result()).toHaveAttribute("data-state", "data");
  await expect(explore.result().getByTestId("time-series-chart")).toBeVisible();
  await snap("metrics-explore");
  await expectAccessible();

  await explore.goto(`?q=${encodeURIComponent("sum(rate(storefront_http_requests_total[1m])) by")}`);
  await expect(explore.result().getByRole("alert")).toContainText("parse error");
  await expect(page.getByLabel("Error position")).toContainText("^ here");
});
