import { Kafka, logLevel } from "kafkajs";
import { expect, test } from "./fixtures";
import { KafkaMessagesPage } from "./pages/kafka-messages-page";

const kafka = new Kafka({ clientId: "e2e-messages", brokers: [`127.0.0.1:${process.env.EVENTDECK_KAFKA_PORT ?? 19092}`], logLevel: logLevel.NOTHING });
const topic = `e2e-messages-${Date.now().toString(36)}`;
const marker = `needle-${Date.now().toString(36)}`;

test.beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  // Background traffic the search has to look through: order events like the storefront's.
  await producer.send({
    topic,
    messages: Array.from({ length: 60 }, (_, i) => ({
      key: `order-${i}`,
      value: JSON.stringify({
        type: "OrderChanged",
        aggregateId: `order-${i}`,
        payload: { status: i % 5 === 0 ? "rejected" : "approved", total: i * 3.5, items: [{ sku: `sku-${i % 7}`, quantity: 1 + (i % 3) }] },
      }),
      headers: { traceId: `trace-${i}`, type: "OrderChanged" },
    })),
  });
  await producer.send({ topic, messages: [{ key: "blob", value: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]) }] });
  await producer.disconnect();
  await admin.disconnect();
});

test.afterAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

test("the topic page links to its messages, which open with the latest ones", async ({ page, snap, expectAccessible }) => {
  await page.goto(`/kafka/topics/${topic}`);
  await page.getByRole("link", { name: "Browse messages" }).click();
  await expect(page).toHaveURL(new RegExp(`/kafka/topics/${topic}/messages$`));
  const messages = new KafkaMessagesPage(page, topic);
  await expect(messages.status()).toHaveText("Read to the end of the chosen partitions.");
  await expect(messages.rows()).toHaveCount(61);
  await expect(messages.counter()).toContainText("61 scanned of 61");
  await snap("kafka-message-browser-latest");
  await expectAccessible();
});

test("produce a message in the form, find it with a value filter, open and copy it", async ({ page, context, snap, expectAccessible }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const messages = new KafkaMessagesPage(page, topic);
  await messages.goto();
  const form = await messages.openProduceForm();

  // Invalid JSON is caught before anything is sent.
  await form.getByLabel("Value", { exact: true }).fill("{status: rejected}");
  await expect(form.getByText(/^Not valid JSON/)).toBeVisible();
  await expect(form.getByRole("button", { name: "Send message" })).toBeDisabled();

  await form.getByLabel("Key (empty: no key)").fill("order-e2e");
  await form.getByLabel("Partition").selectOption("1");
  await form
    .getByLabel("Value", { exact: true })
    .fill(JSON.stringify({ type: "OrderChanged", payload: { status: "rejected", note: marker, items: [{ sku: "sku-e2e" }] } }, null, 2));
  await messages.addHeader("traceId", "trace-e2e");
  await form.getByRole("button", { name: "Send message" }).click();
  await expect(form.getByRole("status")).toHaveText(/Written to partition 1 at offset \d+\. Open it/);

  await messages.search({ start: "earliest", filter: `value contains "${marker}"` });
  await expect(page).toHaveURL(/start=earliest/);
  await expect(page).toHaveURL(/filter=value\+contains/);
  await expect(messages.status()).toHaveText("Read to the end of the chosen partitions.");
  await expect(messages.counter()).toContainText("62 scanned of 62");
  await expect(messages.counter()).toContainText("1 match");
  await expect(messages.rows()).toHaveCount(1);
  await expect(messages.rows().first()).toContainText("order-e2e");

  await messages
    .rows()
    .first()
    .getByRole("button", { name: /^Message 1:/ })
    .click();
  await expect(page.getByText("trace-e2e")).toBeVisible();
  await expect(page.getByText(`"${marker}"`, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: /^Copy message 1:\d+ as JSON$/ }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(copied).toMatchObject({
    topic,
    partition: 1,
    key: "order-e2e",
    headers: [{ name: "traceId", value: "trace-e2e" }],
    value: { payload: { note: marker } },
  });
  await snap("kafka-message-browser");
  await expectAccessible();

  // The link to the one message is shareable: it opens just that message.
  await page.getByRole("link", { name: /^Link to message 1:\d+$/ }).click();
  await expect(page).toHaveURL(/\?partition=1&offset=\d+$/);
  await expect(page.getByRole("heading", { name: /Partition 1, offset \d+/ })).toBeVisible();
  await expect(page.getByText(`"${marker}"`, { exact: true })).toBeVisible();
  await snap("kafka-message-single");
  await expectAccessible();
});

test("a JSON path filter, a bad filter and binary values", async ({ page, snap }) => {
  const messages = new KafkaMessagesPage(page, topic);
  await messages.goto(`start=earliest&filter=${encodeURIComponent('payload.status == "rejected" and payload.total > 100')}`);
  await expect(messages.status()).toHaveText("Read to the end of the chosen partitions.");
  // Every fifth order is rejected; its total is i × 3.5, over 100 from i = 30: orders 30, 35, 40, 45, 50 and 55.
  await expect(messages.rows()).toHaveCount(6);
  await expect(messages.searchForm().getByLabel("Filter", { exact: true })).toHaveValue('payload.status == "rejected" and payload.total > 100');

  await messages.searchForm().getByLabel("Filter", { exact: true }).fill('payload.status = "x"');
  await expect(messages.searchForm().getByText('Unexpected "=" (compare with "==") at position 16')).toBeVisible();
  await expect(messages.searchForm().getByRole("button", { name: "Search" })).toBeDisabled();

  await messages.search({ filter: 'key == "blob"' });
  await expect(messages.rows()).toHaveCount(1);
  await expect(messages.rows().first()).toContainText("de ad be ef 00 01");
  await snap("kafka-message-browser-binary");
});

test("a URL the server refuses shows the reason", async ({ page }) => {
  const messages = new KafkaMessagesPage(page, topic);
  await messages.goto("maxScan=5000000");
  await expect(page.getByRole("alert").filter({ hasText: "maxScan" })).toContainText("maxScan: Too big");
});
