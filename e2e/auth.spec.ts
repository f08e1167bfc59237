import { Kafka, logLevel } from "kafkajs";
import { MongoClient } from "mongodb";
import { expect, test } from "./fixtures";
import { AuditPage, SignInPage } from "./pages/auth-pages";
import { KafkaTopicAdminPage } from "./pages/kafka-topic-admin-page";
import { GroupPage } from "./pages/kafka-pages";
import { NewReplayPage, ReplayJobPage } from "./pages/replay-pages";
import { e2eUsers } from "./users";

const kafka = new Kafka({ clientId: "e2e-auth", brokers: [`127.0.0.1:${process.env.EVENTDECK_KAFKA_PORT ?? 19092}`], logLevel: logLevel.NOTHING });
const mongo = new MongoClient(`mongodb://127.0.0.1:${process.env.EVENTDECK_MONGO_PORT ?? 27018}/`, { serverSelectionTimeoutMS: 5000 });
const run = Date.now().toString(36);
const topic = `e2e-auth-${run}`;
const target = `e2e-auth-dst-${run}`;
const group = `e2e-auth-group-${run}`;
const db = `e2e_auth_${run}`;
/** A topic nobody may create here: the forced requests name it. */
const refusedTopic = `e2e-auth-refused-${run}`;
const jobIds: string[] = [];
const signedOut = { cookies: [], origins: [] };
/** The header every change must carry (lib/auth.ts). */
const csrfHeader = "x-eventdeck-csrf";

test.beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic, numPartitions: 2 },
      { topic: target, numPartitions: 2 },
    ],
    waitForLeaders: true,
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: 4 }, (_, i) => ({ partition: i % 2, key: `order-${i}`, value: JSON.stringify({ type: "OrderPlaced", total: i }) })),
  });
  await producer.disconnect();
  // A group with committed offsets and no members: the one whose offsets could be reset.
  await admin.setOffsets({ groupId: group, topic, partitions: [0, 1].map((partition) => ({ partition, offset: "0" })) });
  await admin.disconnect();
  await mongo.connect();
  const orders = mongo.db(db).collection<{ _id: string; status: string; total: number }>("orders");
  await orders.insertMany([
    { _id: "order-1", status: "approved", total: 10 },
    { _id: "order-2", status: "rejected", total: 20 },
  ]);
  await orders.createIndex({ status: 1 });
});

test.afterAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  const existing = await admin.listTopics();
  await admin.deleteTopics({ topics: [topic, target, refusedTopic].filter((t) => existing.includes(t)) }).catch(() => undefined);
  await admin.deleteGroups([group, ...jobIds.map((id) => `eventdeck-replay-${id}`)]).catch(() => undefined);
  await admin.disconnect();
  await mongo
    .db(db)
    .dropDatabase()
    .catch(() => undefined);
  await mongo.close();
});

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("the sign-in form replaces any page and refuses a wrong password", async ({ page, snap, expectAccessible }) => {
    const signIn = new SignInPage(page);
    await page.goto(`/kafka/topics/${topic}`);
    await expect(signIn.form()).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await signIn.fill({ username: e2eUsers.viewer.username, password: "not the password" });
    await expect(signIn.error()).toHaveText("Wrong user name or password");
    await expect(page.getByLabel("Password")).toBeVisible();
    await snap("sign-in");
    await expectAccessible();

    // The right password opens the page the link pointed to.
    await signIn.fill(e2eUsers.viewer);
    await expect(signIn.userMenu()).toContainText(`${e2eUsers.viewer.username} viewer`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(topic);
  });

  test("a viewer sees every page without a single control that changes something", async ({ page, snap }) => {
    const signIn = new SignInPage(page);
    await signIn.signIn(e2eUsers.viewer, "/kafka/topics");

    // Kafka: no create, no topic actions, configs without editing, no produce, no offset reset.
    await expect(page.getByRole("link", { name: topic, exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create topic" })).toHaveCount(0);
    const topicPage = new KafkaTopicAdminPage(page);
    await topicPage.gotoTopic(topic);
    await expect(topicPage.stat("Partitions")).toHaveText("2");
    await expect(page.getByRole("group", { name: "Topic actions" })).toHaveCount(0);
    for (const name of ["Add partitions", "Purge messages", "Delete topic"]) await expect(page.getByRole("button", { name })).toHaveCount(0);
    await topicPage.tab("Configs").click();
    await expect(topicPage.configRow("retention.ms")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Edit / })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Add a config override" })).toHaveCount(0);
    await expect(page.getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
    await snap("auth-viewer-topic");

    await page.goto(`/kafka/topics/${topic}/messages?start=earliest`);
    await expect(page.getByRole("link", { name: "Replay these messages…" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Produce a message" })).toHaveCount(0);

    const groupPage = new GroupPage(page);
    await groupPage.goto(group);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(group);
    await expect(page.getByText("Resetting offsets needs the operator role.")).toBeVisible();
    await expect(groupPage.resetForm(group)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Preview" })).toHaveCount(0);
    await snap("auth-viewer-group");

    // MongoDB: no drop, rename, create, insert, import, edit or delete; export and reading stay.
    await page.goto("/mongo");
    await expect(page.getByRole("link", { name: db, exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Drop database/ })).toHaveCount(0);
    await page.goto(`/mongo/${db}`);
    await expect(page.getByRole("link", { name: "orders", exact: true })).toBeVisible();
    await expect(page.getByLabel("New collection")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Rename|Drop) collection/ })).toHaveCount(0);
    await page.goto(`/mongo/${db}/orders`);
    await expect(page.getByTestId("document-row")).toHaveCount(2);
    await expect(page.getByRole("link", { name: "New document" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Import" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Export" })).toBeVisible();
    await page.getByRole("link", { name: "order-1", exact: true }).click();
    await expect(page.getByRole("textbox", { name: "Document as Extended JSON" })).toContainText('"status": "approved"');
    await expect(page.getByRole("textbox", { name: "Document as Extended JSON" })).toHaveAttribute("aria-readonly", "true");
    for (const name of ["Delete", "Duplicate", /^Review and save/, "Discard edits"]) await expect(page.getByRole("button", { name })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Duplicate" })).toHaveCount(0);
    await expect(page.getByText("Changing documents needs the operator role.")).toBeVisible();
    await snap("auth-viewer-document");
    await page.goto(`/mongo/${db}/orders/doc/new`);
    await expect(page.getByText("Inserting documents needs the operator role.")).toBeVisible();
    await page.goto(`/mongo/${db}/orders/indexes`);
    await expect(page.getByRole("cell", { name: "status_1", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Drop index/ })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Create an index" })).toHaveCount(0);
    await expect(page.getByText("Creating an index needs the operator role.")).toBeVisible();

    // Replay: the dry run is open to viewers; starting is not.
    await page.goto("/replay");
    await expect(page.getByRole("link", { name: "New replay" })).toHaveCount(0);
    // The header's link (an empty jobs list shows a second one).
    await page.getByRole("link", { name: "Dry run a replay" }).first().click();
    const replay = new NewReplayPage(page);
    await replay.goto({ kind: "republish", topic, target });
    await replay.dryRun();
    await expect(replay.plan()).toBeVisible();
    await expect(replay.stat("plan-matched")).toHaveText("4");
    await expect(page.getByRole("button", { name: /^Start (replay|rebuild)…$/ })).toHaveCount(0);
    await expect(page.getByText("Starting a replay needs the operator role.")).toBeVisible();
    await snap("auth-viewer-replay-plan");

    // What the pages hide, the API refuses: a hand-made change gets 403 and changes nothing.
    const create = await page.request.post("/api/kafka/topics", {
      headers: { [csrfHeader]: "1" },
      data: { name: refusedTopic, partitions: 1, replicationFactor: 1 },
    });
    expect(create.status()).toBe(403);
    expect(((await create.json()) as { error: { message: string } }).error.message).toContain("needs the operator role");
    const remove = await page.request.delete(`/api/kafka/topics/${topic}?confirm=${topic}`, { headers: { [csrfHeader]: "1" } });
    expect(remove.status()).toBe(403);
    const admin = kafka.admin();
    await admin.connect();
    const topics = await admin.listTopics();
    await admin.disconnect();
    expect(topics).toContain(topic);
    expect(topics).not.toContain(refusedTopic);
  });

  test("an operator starts a replay but cannot delete a topic", async ({ page, snap, expectAccessible }) => {
    const signIn = new SignInPage(page);
    await signIn.signIn(e2eUsers.operator, `/kafka/topics/${topic}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(topic);
    await expect(page.getByRole("group", { name: "Topic actions" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete topic" })).toHaveCount(0);
    await page.goto(`/kafka/topics/${topic}/messages?start=earliest`);
    await expect(page.getByRole("button", { name: "Produce a message" })).toBeVisible();
    await page.goto(`/mongo/${db}/orders`);
    await expect(page.getByRole("link", { name: "New document" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Import" })).toBeVisible();
    await page.goto(`/mongo/${db}`);
    await expect(page.getByLabel("New collection")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Drop collection/ })).toHaveCount(0);

    await page.goto("/replay");
    // The header's link; an empty list offers a second one.
    await page.getByRole("link", { name: "New replay" }).first().click();
    const replay = new NewReplayPage(page);
    await replay.goto({ kind: "republish", topic, target });
    await replay.dryRun();
    await expect(replay.stat("plan-matched")).toHaveText("4");
    const dialog = await replay.start();
    await dialog.getByRole("button", { name: `Write 4 events to ${target}` }).click();
    await expect(page).toHaveURL(/\/replay\/rp-[a-z0-9-]+$/);
    jobIds.push(decodeURIComponent(page.url().split("/").pop()!));
    const job = new ReplayJobPage(page);
    await expect(job.state()).toHaveText("completed", { timeout: 30_000 });
    await expect(job.auditRows().filter({ hasText: "replay.create" })).toContainText(e2eUsers.operator.username);
    await snap("auth-operator-replay-job");
    await expectAccessible();

    // Deleting a topic needs admin: the API refuses the operator too.
    const remove = await page.request.delete(`/api/kafka/topics/${topic}?confirm=${topic}`, { headers: { [csrfHeader]: "1" } });
    expect(remove.status()).toBe(403);
  });

  test("signing out shows the sign-in form again, and the API then answers 401", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.signIn(e2eUsers.viewer, "/kafka/topics");
    expect((await page.request.get("/api/kafka/topics")).status()).toBe(200);
    await signIn.signOut();
    await expect(signIn.form()).toBeVisible();
    await expect(page.getByLabel("User name")).toBeVisible();
    const after = await page.request.get("/api/kafka/topics");
    expect(after.status()).toBe(401);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
  });
});

test("the audit log shows sign-ins and a refused change, filters them in the URL and exports them", async ({
  page,
  playwright,
  baseURL,
  snap,
  expectAccessible,
}) => {
  // A viewer signs in and tries a change through the API alone, so this test stands on its own.
  const viewer = await playwright.request.newContext({ baseURL });
  expect((await viewer.post("/api/auth/signin", { headers: { [csrfHeader]: "1" }, data: e2eUsers.viewer })).status()).toBe(200);
  expect(
    (await viewer.post("/api/kafka/topics", { headers: { [csrfHeader]: "1" }, data: { name: refusedTopic, partitions: 1, replicationFactor: 1 } })).status(),
  ).toBe(403);
  await viewer.dispose();

  const audit = new AuditPage(page);
  await audit.goto("action=auth.signin");
  await expect(audit.rows().first()).toBeVisible();
  await expect(audit.rows().filter({ hasText: e2eUsers.admin.username }).first()).toContainText("ok");
  await expect(audit.rows().filter({ hasText: e2eUsers.viewer.username }).first()).toBeVisible();

  await audit.goto(`actor=${e2eUsers.viewer.username}`);
  await expect(audit.row("auth.signin", "ok").first()).toBeVisible();
  const refused = audit.row("POST /api/kafka/topics", "refused").first();
  await expect(refused).toContainText("/api/kafka/topics");
  await refused.getByRole("button", { name: /^status 403/ }).click();
  await expect(refused.locator("pre")).toContainText('"status": 403');
  await snap("audit-log");
  await expectAccessible();

  // The outcome filter applies at once and lands in the URL.
  await audit.filters().getByLabel("Outcome").selectOption("refused");
  await expect(page).toHaveURL(/outcome=refused/);
  await expect(page).toHaveURL(new RegExp(`actor=${e2eUsers.viewer.username}`));
  await expect(audit.rows().filter({ hasNotText: "refused" })).toHaveCount(0);
  await expect(audit.row("POST /api/kafka/topics", "refused").first()).toBeVisible();

  // Nothing matches: the empty state says so and offers to clear the filters.
  await audit.goto(`actor=nobody-${run}&outcome=failed`);
  await expect(page.getByText("No entries match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear the filters" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(audit.rows().first()).toBeVisible();
  await audit.goto(`actor=${e2eUsers.viewer.username}&outcome=refused`);

  // A bad action prefix is explained, not sent.
  await audit.filters().getByLabel("Action (prefix)").fill("POST <script>");
  await expect(audit.filters().getByRole("alert")).toContainText("An action or its prefix");
  await expect(audit.filters().getByRole("button", { name: "Apply" })).toBeDisabled();
  await audit.filters().getByLabel("Action (prefix)").fill("");

  // Export: what the filters match, as JSON lines and as CSV.
  const jsonl = await audit.export("JSON lines");
  expect(jsonl.name).toMatch(/^eventdeck-audit-.+\.jsonl$/);
  const entries = jsonl.text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as { actor: string; outcome: string; action: string });
  expect(entries.length).toBeGreaterThan(0);
  expect(entries.every((entry) => entry.actor === e2eUsers.viewer.username && entry.outcome === "refused")).toBe(true);
  expect(entries.some((entry) => entry.action === "POST /api/kafka/topics")).toBe(true);
  await expect(page.getByTestId("audit-export-status")).toContainText(`Exported ${entries.length}`);
  const csv = await audit.export("CSV");
  expect(csv.name).toMatch(/\.csv$/);
  const lines = csv.text.trimEnd().split("\r\n");
  expect(lines[0]).toBe("at,actor,action,target,outcome,details");
  expect(lines).toHaveLength(entries.length + 1);
  expect(lines[1]).toContain(`,${e2eUsers.viewer.username},`);
});
