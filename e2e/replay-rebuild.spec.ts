import { createCustomerAndWaitForOrders } from "../services/testing/fixtures";
import { getJson, Storefront } from "../services/testing/storefront";
import { ports } from "../stack/settings";
import { expect, stack, test } from "./fixtures";
import { NewReplayPage, ReplayJobPage, ReplayListPage } from "./pages/replay-pages";

// The console's settings are fixed when Playwright starts it, and its default SERVICES setting
// names the storefront on the stack's ports: the rebuild runs on whatever storefront answers
// there. When none does, this file starts one there in a namespace of its own (its topics,
// groups and databases prefixed), so the demo's data is left alone, and removes it afterwards.
const accountsUrl = `http://127.0.0.1:${ports.accounts}`;
const ordersUrl = `http://127.0.0.1:${ports.orders}`;
const namespace = `e2erebuild${Date.now().toString(36)}`;
/** Set when this file started the storefront, and so stops and removes it afterwards. */
let started: Storefront | null = null;
const customers: string[] = [];

const healthy = (url: string) =>
  fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
    (r) => r.ok,
    () => false,
  );

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (!(await healthy(accountsUrl)) || !(await healthy(ordersUrl))) {
    // The stack's services inherit this environment (stack/proc.ts startDaemon).
    process.env.STOREFRONT_NAMESPACE = namespace;
    try {
      stack("up", "services");
    } finally {
      delete process.env.STOREFRONT_NAMESPACE;
    }
    started = new Storefront(namespace, { kafkaBrokers: [`127.0.0.1:${ports.kafka}`], mongoUri: `mongodb://127.0.0.1:${ports.mongo}/` });
  }
  // Two customers of our own, copied into orders' read model through the accounts topic.
  for (let i = 0; i < 2; i++) {
    const customer = await createCustomerAndWaitForOrders(accountsUrl, ordersUrl, { name: `E2E rebuild ${i}`, email: `${namespace}-${i}@example.com` });
    customers.push(customer._id);
  }
});

test.afterAll(async () => {
  if (!started) return;
  test.setTimeout(120_000);
  stack("down", "services");
  // The services are stopped: remove the namespace's topics, groups and databases.
  await started.destroy();
});

test("a shadow rebuild of orders' customers: projections listed, dry run, confirmation, every step done and identical", async ({
  page,
  snap,
  expectAccessible,
}) => {
  test.setTimeout(180_000);
  const form = new NewReplayPage(page);
  await form.goto({ kind: "rebuild" });
  await expect(form.form().getByRole("radio", { name: /Rebuild a projection/ })).toBeChecked();

  // The projections the services expose, each with links to its collection, group and topic.
  const row = form.projectionRow("orders/customers");
  await expect(row).toBeVisible();
  await expect(row.locator('a[href^="/mongo/"]')).toHaveAttribute("href", /^\/mongo\/[^/]+\/customers(_v\d+)?$/);
  await expect(row.locator('a[href^="/kafka/groups/"]')).toHaveText(/^\S*orders\.customers(\.v\d+)?$/);
  await expect(row.locator('a[href^="/kafka/topics/"]')).toBeVisible();
  await expect(row).toContainText("live");
  await row.getByRole("radio", { name: "orders/customers" }).check();
  await expect(form.section("Mode").getByRole("radio", { name: /Shadow \(recommended\)/ })).toBeChecked();
  await expect(form.section("Mode")).toContainText("empty, then partial, read model");
  await expect(page).toHaveURL(/\/replay\/new\?kind=rebuild&service=orders&projection=customers&mode=shadow$/);

  // In place: the dry run warns that the read model is empty meanwhile. Nothing is started.
  await form
    .section("Mode")
    .getByRole("radio", { name: /In place/ })
    .check();
  await expect(page).toHaveURL(/mode=in-place$/);
  await form.dryRun();
  await expect(form.warnings()).toContainText("the service answers from an empty read model until the rebuild catches up");
  await expect(form.planSteps()).toHaveText([/Fingerprint the read model/, /Drop and rewind/, /Catch up/, /Compare with before/]);
  await form
    .section("Mode")
    .getByRole("radio", { name: /Shadow \(recommended\)/ })
    .check();
  await expect(form.plan()).toBeHidden();

  await form.dryRun();
  await expect(form.plan()).toBeVisible();
  const documents = Number((await form.stat("plan-documents").textContent())?.replace(/,/g, ""));
  expect(documents).toBeGreaterThanOrEqual(customers.length);
  expect(Number((await form.stat("plan-records").textContent())?.replace(/,/g, ""))).toBeGreaterThanOrEqual(customers.length);
  await expect(form.planSteps()).toHaveText([
    /^1\s*Start a shadow build/,
    /^2\s*Catch up/,
    /^3\s*Compare with the live read model/,
    /^4\s*Swap it in/,
    /^5\s*Verify/,
  ]);
  await expect(form.warnings()).toHaveCount(0);
  await snap("replay-rebuild-plan");
  await expectAccessible();

  const dialog = await form.start();
  await expect(dialog).toContainText("the live read model keeps answering");
  await dialog.getByRole("button", { name: "Rebuild customers beside the live one" }).click();

  await expect(page).toHaveURL(/\/replay\/rp-[a-z0-9-]+$/);
  const jobId = decodeURIComponent(page.url().split("/").pop()!);
  const job = new ReplayJobPage(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Rebuild · orders/customers (shadow)");
  await expect(job.steps()).toHaveCount(5);
  await expect(job.state()).toHaveText("completed", { timeout: 120_000 });
  for (const step of await job.steps().all()) await expect(step).toHaveAttribute("data-state", "done");
  await expect(job.step("Start a shadow build")).toContainText(/building customers_v\d+ with group \S+/);
  await expect(job.step("Catch up")).toContainText(/read all [\d,]+ events/);
  await expect(job.step("Compare with the live read model")).toContainText(/identical: [\d,]+ documents, sha256 [0-9a-f]{12}…/);
  await expect(job.step("Swap it in")).toContainText(/customers_v\d+ is live/);
  await expect(job.step("Verify")).toContainText(/live customers_v\d+: [\d,]+ documents/);
  await expect(job.done()).toContainText("all 5 steps done");
  await expect(job.overall()).toHaveAttribute("aria-valuenow", "100");
  await expect(job.auditRows().filter({ hasText: "replay.finish" })).toHaveCount(1);
  // The swapped-in read model is the one the job page links to now.
  await expect(page.getByRole("region", { name: "What it does" }).locator('a[href^="/mongo/"]')).toHaveAttribute("href", /\/customers_v\d+$/);
  await snap("replay-rebuild");
  await expectAccessible();

  // Orders still answers from its read model, now the rebuilt one.
  for (const id of customers) expect((await getJson(`${ordersUrl}/customers/${id}`)).status).toBe(200);

  const list = new ReplayListPage(page);
  await list.goto();
  await expect(list.row(jobId)).toContainText("Rebuild · orders/customers (shadow)");
  await expect(list.row(jobId)).toContainText("5 / 5 steps");
  await expect(list.row(jobId)).toContainText("completed");
  await snap("replay-rebuild-list");
});
