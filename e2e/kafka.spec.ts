import { Kafka, logLevel } from "kafkajs";
import { expect, test } from "./fixtures";
import { GroupPage, GroupsPage, TopicsPage } from "./pages/kafka-pages";

const kafka = new Kafka({ clientId: "e2e", brokers: [`127.0.0.1:${process.env.EVENTDECK_KAFKA_PORT ?? 19092}`], logLevel: logLevel.NOTHING });
const topic = `e2e-orders-${Date.now().toString(36)}`;
const groupId = `e2e-group-${Date.now().toString(36)}`;

test.beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, value: JSON.stringify({ i }) })) });
  await producer.disconnect();
  await admin.setOffsets({ groupId, topic, partitions: [0, 1, 2].map((partition) => ({ partition, offset: "0" })) });
  await admin.disconnect();
});

test.afterAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

test("the Kafka overview shows the broker and the lag of the cluster", async ({ page, snap, expectAccessible }) => {
  await page.goto("/kafka");
  await expect(page.getByRole("heading", { name: "Brokers" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "(controller)" })).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Groups furthest behind" })).toBeVisible();
  await expect(page.getByText("Total lag").locator("..")).not.toContainText(/^Total lag0$/);
  await snap("kafka-overview");
  await expectAccessible();
});

test("the topics page lists, filters and opens a topic", async ({ page, snap, expectAccessible }) => {
  const topics = new TopicsPage(page);
  await topics.goto();
  await expect(topics.row(topic)).toBeVisible();
  await expect(topics.row(topic)).toContainText("12");
  await snap("kafka-topics");
  await expectAccessible();

  await topics.filter().fill(topic);
  await expect(page).toHaveURL(new RegExp(`q=${topic}`));
  await expect(page.getByRole("row")).toHaveCount(2); // header + the one match

  await topics.topicLink(topic).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(topic);
  await expect(page.getByRole("row")).toHaveCount(4); // header + 3 partitions
  await expect(page.getByText(groupId)).toBeVisible();
  await snap("kafka-topic-detail");
  await expectAccessible();
});

test("the topics table's filter and sort live in the URL and survive a reload", async ({ page }) => {
  const topics = new TopicsPage(page);
  await topics.goto();
  const prefix = topic.slice(0, -2);
  await topics.filter().fill(prefix);
  const partitions = page.getByRole("columnheader", { name: "Partitions" });
  await partitions.getByRole("button").click();
  const order = await partitions.getAttribute("aria-sort");
  expect(order === "ascending" || order === "descending").toBe(true);
  // Both the filter and the sort reach the URL (one navigation for the sort's two parameters).
  await expect(page).toHaveURL(/[?&]sort=partitions(&|$)/);
  expect(new URL(page.url()).searchParams.get("q")).toBe(prefix);
  expect(new URL(page.url()).searchParams.get("desc")).toBe(order === "descending" ? "1" : null);

  await page.reload();
  await expect(topics.filter()).toHaveValue(prefix);
  await expect(page.getByRole("columnheader", { name: "Partitions" })).toHaveAttribute("aria-sort", order!);
  await expect(topics.row(topic)).toBeVisible();
});

test("a group's page shows its lag in messages and time, its history, and a reset to latest clears it", async ({ page, snap, expectAccessible }) => {
  const groups = new GroupsPage(page);
  await groups.goto();
  await expect(groups.row(groupId).getByTestId("group-lag")).toHaveText("12");
  await snap("kafka-groups");
  await expectAccessible();

  await groups.groupLink(groupId).click();
  const group = new GroupPage(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(groupId);
  await expect(group.totalLag()).toHaveText("12");
  await expect(group.partitionsTable().getByRole("row")).toHaveCount(4); // header + 3 partitions
  // Prometheus scrapes the console's lag exporter: the group's history shows up in the chart.
  await expect(page.getByTestId("lag-chart")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("No active members")).toBeVisible();

  // Reset to latest: preview first (nothing changes), then apply; the lag drops to zero.
  const form = group.resetForm(groupId);
  await form.getByLabel("Reset offsets to").selectOption("latest");
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(form.getByRole("row")).toHaveCount(4);
  await expect(group.totalLag()).toHaveText("12");
  await snap("kafka-group-detail");
  await expectAccessible();
  await form.getByRole("button", { name: /^Reset 3 partition/ }).click();
  await expect(form.getByRole("status")).toContainText("Offsets of 3 partition(s) reset");
  await expect(group.totalLag()).toHaveText("0");
});

test("the brokers page shows bytes on disk and a broker's configs, overrides marked", async ({ page, snap, expectAccessible }) => {
  await page.goto("/kafka/brokers");
  await expect(page.getByRole("row").filter({ hasText: "controller" })).toContainText(/\d+(\.\d+)? (KiB|MiB|GiB)/);
  await snap("kafka-brokers");
  await expectAccessible();
  await page.getByRole("link", { name: "Broker 1" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Broker 1");
  await expect(page.getByRole("row").filter({ hasText: "auto.create.topics.enable" })).toContainText("false");
  // Defaults are hidden until asked for.
  await expect(page.getByRole("row").filter({ hasText: "compression.type" })).toHaveCount(0);
  await page.getByLabel(/Only values that differ/).uncheck();
  await expect(page.getByRole("row").filter({ hasText: "compression.type" }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Log directory/ })).toBeVisible();
  await snap("kafka-broker-detail");
  await expectAccessible();
});

test("an unknown group gets a clear error on its page", async ({ page }) => {
  await page.goto("/kafka/groups/no-such-group-e2e");
  await expect(page.getByRole("alert").filter({ hasText: "Could not load" })).toContainText('Consumer group "no-such-group-e2e" does not exist');
});

test("an unknown topic gets a clear error on its page", async ({ page }) => {
  await page.goto("/kafka/topics/no-such-topic-e2e");
  await expect(page.getByRole("alert").filter({ hasText: "Could not load" })).toContainText('Topic "no-such-topic-e2e" does not exist');
});
