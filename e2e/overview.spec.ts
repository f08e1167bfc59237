import { expect, test } from "./fixtures";
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
  await snap("overview");
  await expectAccessible();
});
