import { Kafka, logLevel } from "kafkajs";
import { createCustomerAndWaitForOrders, eventually, newOrder } from "../services/testing/fixtures";
import { getJson, sendJson } from "../services/testing/storefront";
import { ports } from "../stack/settings";
import { expect, stack, test } from "./fixtures";

// The console reads the shipped eventdeck.config.json: the demo storefront on the stack's ports.
const accountsUrl = `http://127.0.0.1:${ports.accounts}`;
const ordersUrl = `http://127.0.0.1:${ports.orders}`;
const kafka = new Kafka({ clientId: "e2e-system", brokers: [`127.0.0.1:${ports.kafka}`], logLevel: logLevel.NOTHING });
const lagging = `e2e-system-lagging-${Date.now().toString(36)}`;
let orderId: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const status = JSON.parse(stack("status", "--json")) as Record<string, boolean>;
  // `up services` starts whichever service is not running and waits for all three to answer /healthz.
  stack("up", "services");
  // The load of earlier suites is not needed here, and on two cores it slows the saga this waits for.
  if (status.loadgen) stack("down", "loadgen");
  const customer = await createCustomerAndWaitForOrders(accountsUrl, ordersUrl, { name: "E2E System" });
  const placed = await sendJson("POST", `${ordersUrl}/orders`, newOrder(customer._id));
  orderId = placed.body.orderId;
  await eventually(
    () => getJson(`${ordersUrl}/orders/${orderId}`),
    (r) => r.body?.status === "shipped" || r.body?.status === "rejected",
    120_000,
    "order decided",
  );
  // A consumer group with no members, committed at the start of accounts' topic: it lags by every customer event.
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets("accounts.customer.change");
  await admin.setOffsets({ groupId: lagging, topic: "accounts.customer.change", partitions: offsets.map((p) => ({ partition: p.partition, offset: p.low })) });
  await admin.disconnect();
});

test.afterAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([lagging]).catch(() => undefined);
  await admin.disconnect();
});

test("the map shows the three services and their topics; a lagging group stands out and its page is a click away", async ({ page, snap, expectAccessible }) => {
  await page.goto("/system");
  const map = page.getByTestId("service-map");
  await expect(map).toBeVisible();
  for (const service of ["accounts", "orders", "fulfillment"])
    await expect(map.locator(".react-flow__node-service").filter({ hasText: service }).first()).toBeVisible();
  await expect(map.locator(".react-flow__node-service")).toHaveCount(3);
  for (const topic of ["accounts.customer.change", "orders.order.change", "fulfillment.order.change"])
    await expect(map.getByRole("link", { name: topic })).toBeVisible();
  // The map's edge to the lagging group, and its row in the table under it (the failing sorted first).
  await expect(map.getByText(new RegExp(`${lagging} · lag`))).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: lagging });
  await expect(row).toContainText("failing or far behind");
  const rows = await page.getByRole("table").first().locator("tbody tr").allTextContents();
  const firstHealthy = rows.findIndex((text) => text.includes("healthy"));
  expect(rows.findIndex((text) => text.includes(lagging))).toBeLessThan(firstHealthy === -1 ? rows.length : firstHealthy);
  await expect(page.getByRole("heading", { name: "The event envelope" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What each topic carries" })).toBeVisible();
  await expect(page.getByText("OrderCreated").first()).toBeVisible();
  await snap("system-map");
  await expectAccessible();
  await row.getByRole("link", { name: lagging }).click();
  await expect(page).toHaveURL(new RegExp(`/kafka/groups/${lagging}$`));
  await expect(page.getByRole("heading", { name: lagging })).toBeVisible();
});

test("the overview lists the lagging group as stopped and far behind, linked to its page", async ({ page, snap }) => {
  await page.goto("/");
  const attention = page.getByRole("region", { name: "Services and consumers" }).getByRole("list", { name: "Needs attention" });
  const item = attention.getByRole("listitem").filter({ hasText: lagging });
  await expect(item).toContainText(/stopped \(no members\), lag [1-9]/);
  await expect(attention.getByRole("listitem").filter({ hasText: "eventdeck-replay-" })).toHaveCount(0);
  await snap("overview-attention");
  await item.getByRole("link", { name: lagging }).click();
  await expect(page).toHaveURL(new RegExp(`/kafka/groups/${lagging}$`));
});

test("tracing an order: its events across the topics in time order, each service's document, one partition read per topic", async ({
  page,
  snap,
  expectAccessible,
}) => {
  await page.goto("/system/trace");
  await page.getByLabel("Look for").selectOption("order");
  await page.getByLabel("Id (the events' message key)").fill(orderId);
  await page.getByRole("button", { name: "Trace" }).click();
  await expect(page).toHaveURL(new RegExp(`/system/trace\\?entity=order&id=${orderId}$`));
  const timeline = page.getByRole("list", { name: "Events in time order" });
  await expect(timeline).toBeVisible();
  const types = await timeline.locator("li > div:first-child > span.font-semibold").allTextContents();
  expect(types[0]).toBe("CustomerCreated");
  expect(types.indexOf("OrderCreated")).toBeGreaterThan(0);
  expect(types.indexOf("FulfillmentApproved") > types.indexOf("OrderCreated") || types.includes("FulfillmentRejected")).toBe(true);
  await expect(page.getByText("orders.orders", { exact: true })).toBeVisible();
  await expect(page.getByText("fulfillment.shipments", { exact: true })).toBeVisible();
  await expect(page.getByText(/^1 of 3 \(partition \d, where the key hashes to\)$/).first()).toBeVisible();
  await expect(page.getByText("customers-in-orders").first()).toBeVisible();
  await snap("system-trace");
  await expectAccessible();
});

test("a consistency check of orders' copy of customers runs to the end with its counts", async ({ page, snap }) => {
  await page.goto("/system/consistency");
  await page.getByRole("button", { name: "Run a check of customers-in-orders" }).click();
  await expect(page).toHaveURL(/\/system\/consistency\/cc-[a-z0-9-]+$/);
  await expect(page.getByText("completed", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("progressbar", { name: "Check progress" })).toHaveAttribute("aria-valuenow", "100");
  const checked = Number((await page.getByText("Checked", { exact: true }).locator("xpath=following-sibling::div").textContent())?.replace(/,/g, ""));
  expect(checked).toBeGreaterThan(0);
  await snap("system-consistency-check");
  await page.getByRole("link", { name: "Consistency" }).click();
  await expect(page.getByRole("table").nth(1)).toContainText("completed");
});
