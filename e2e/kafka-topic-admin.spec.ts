import { Kafka, logLevel } from "kafkajs";
import { expect, test } from "./fixtures";
import { KafkaTopicAdminPage } from "./pages/kafka-topic-admin-page";

const kafka = new Kafka({ clientId: "e2e-admin", brokers: [`127.0.0.1:${process.env.EVENTDECK_KAFKA_PORT ?? 19092}`], logLevel: logLevel.NOTHING });
const topic = `e2e-admin-${Date.now().toString(36)}`;

test.afterAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

test("a topic is created, configured, grown, purged and deleted from the console", async ({ page, snap, expectAccessible }) => {
  const admin = new KafkaTopicAdminPage(page);

  // Create, with two config overrides.
  await admin.gotoTopics();
  const dialog = await admin.fillCreateForm(topic, { partitions: 2, configs: { "retention.ms": "3600000", "cleanup.policy": "delete" } });
  await expect(dialog.getByLabel("Replication factor")).toHaveValue("1"); // min(3, one broker)
  await snap("kafka-create-topic");
  await expectAccessible();
  await dialog.getByRole("button", { name: "Create topic" }).click();
  await expect(page).toHaveURL(new RegExp(`/kafka/topics/${topic}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(topic);
  await expect(page.getByRole("row")).toHaveCount(3); // header + 2 partitions

  // The same name again: the API's 409 is shown next to the name.
  await admin.gotoTopics();
  const again = await admin.fillCreateForm(topic);
  await again.getByRole("button", { name: "Create topic" }).click();
  await expect(again.getByRole("alert")).toContainText("already exists");
  // …and, as every failed change, in a toast with the error's code and status.
  const toast = page
    .getByRole("region", { name: /Notifications/ })
    .getByRole("listitem")
    .filter({ hasText: "already exists" });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText("TOPIC_EXISTS · HTTP 409");
  await again.getByRole("button", { name: "Cancel" }).click();
  await expect(again).toBeHidden();

  // Configs: overrides are marked; edit one inline, the other override stays.
  await admin.gotoTopic(topic);
  await admin.tab("Configs").click();
  await expect(page).toHaveURL(/tab=configs/);
  await expect(admin.configRow("retention.ms")).toContainText("3600000");
  await expect(admin.configRow("retention.ms")).toContainText("topic override");
  await expect(admin.configRow("compression.type")).toContainText("default");
  await admin.configRow("retention.ms").getByRole("button", { name: "Edit retention.ms" }).click();
  await page.getByLabel("New value of retention.ms").fill("7200000");
  await page.getByLabel("New value of retention.ms").press("Enter");
  await expect(page.getByRole("status")).toContainText("Saved retention.ms");
  await expect(admin.configRow("retention.ms")).toContainText("7200000");
  await expect(admin.configRow("cleanup.policy")).toContainText("topic override");
  // A bad value is refused with Kafka's reason, inline.
  await admin.configRow("retention.ms").getByRole("button", { name: "Edit retention.ms" }).click();
  await page.getByLabel("New value of retention.ms").fill("soon");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Kafka refused" })).toContainText("retention.ms=soon");
  await page.getByLabel("New value of retention.ms").press("Escape");
  await expect(admin.configRow("retention.ms")).toContainText("7200000");
  await snap("kafka-topic-configs");
  await expectAccessible();

  // Add partitions 2 → 4.
  await admin.tab("Partitions").click();
  await admin.action("Add partitions").click();
  const grow = admin.dialog(`Add partitions to ${topic}`);
  await grow.getByLabel("Partitions after the change").fill("4");
  await grow.getByRole("button", { name: "Add partitions" }).click();
  await expect(grow).toBeHidden();
  await expect(admin.stat("Partitions")).toHaveText("4");
  await expect(page.getByRole("row")).toHaveCount(5);

  // Purge: the dry run counts first, then one click deletes.
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 8 }, (_, i) => ({ value: `m${i}`, partition: i % 4 })) });
  await producer.disconnect();
  await expect(admin.stat("Messages")).toHaveText("8");
  await admin.action("Purge messages").click();
  const purge = admin.dialog(`Purge messages of ${topic}`);
  await expect(purge.getByRole("button", { name: "Delete 8 messages" })).toBeEnabled();
  await expect(purge.getByRole("row")).toHaveCount(5);
  await snap("kafka-purge-topic");
  await expectAccessible();
  await purge.getByRole("button", { name: "Delete 8 messages" }).click();
  await expect(purge.getByRole("status")).toContainText("Deleted 8 messages");
  await purge.getByRole("button", { name: "Done" }).click();
  await expect(admin.stat("Messages")).toHaveText("0");

  // Delete: the button works only once the name is typed; then back to the list.
  await admin.action("Delete topic").click();
  const remove = admin.dialog(`Delete topic ${topic}?`);
  const confirm = remove.getByRole("button", { name: "Delete topic" });
  await expect(confirm).toBeDisabled();
  await remove.getByLabel(/to confirm/).fill(`${topic}-typo`);
  await expect(confirm).toBeDisabled();
  await remove.getByLabel(/to confirm/).fill(topic);
  await expect(confirm).toBeEnabled();
  await snap("kafka-delete-topic");
  await expectAccessible();
  await confirm.click();
  await expect(page).toHaveURL(/\/kafka\/topics$/);
  await expect(page.getByRole("link", { name: topic, exact: true })).toHaveCount(0);
});
