import { expect, test } from "./fixtures";
import { servicesUpText } from "../components/system/health";
import type { SystemMap } from "../lib/schemas/system";
import { OverviewPage } from "./pages/overview-page";

const backends = ["Kafka", "MongoDB", "Prometheus"] as const;

test("the overview shows Kafka, MongoDB and Prometheus up", async ({ page, snap, expectAccessible }) => {
  const overview = new OverviewPage(page);
  await overview.goto();
  for (const backend of backends) {
    await expect(overview.card(backend)).toHaveAttribute("data-status", "up");
    await expect(overview.card(backend).getByText("Up", { exact: true })).toBeVisible();
  }
  await expect(overview.card("MongoDB")).toContainText("FerretDB");
  await expect(overview.card("Prometheus")).toContainText(/Prometheus \d+\.\d+/);
  await expect(overview.card("Kafka")).toContainText(/1 broker, controller \d+/);
  await expect(page.getByRole("list", { name: "Backend health" })).toBeVisible();

  // What needs a look: the declared services that are up, as the system map counts them, and the replays.
  // (Both sides read again until they agree: a service's scrape can turn up between the page's fetch and the test's.)
  const system = overview.panel("Services and consumers");
  await expect
    .poll(async () => {
      const map = (await (await page.request.get("/api/system/map")).json()) as SystemMap;
      return (await system.textContent())?.includes(servicesUpText(map.services));
    })
    .toBe(true);
  await expect(system.getByRole("link", { name: "System map" })).toHaveAttribute("href", "/system");
  await expect(overview.panel("Replays").getByRole("link", { name: "All jobs" })).toHaveAttribute("href", "/replay");
  await snap("overview");
  await expectAccessible();
});
