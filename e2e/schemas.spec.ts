import { Kafka, logLevel } from "kafkajs";
import { ports } from "../stack/settings";
import { produceWithConfluent, readWithConfluent } from "../test/support/python-serdes";
import { expect, test } from "./fixtures";
import { KafkaMessagesPage } from "./pages/kafka-messages-page";

// An Avro topic written by confluent-kafka's AvroSerializer (lz4 batches), browsed, filtered on
// decoded fields and produced to with the subject's schema; its subject's versions diffed and
// an incompatible change refused before it is registered.
const kafka = new Kafka({ clientId: "e2e-schemas", brokers: [`127.0.0.1:${ports.kafka}`], logLevel: logLevel.NOTHING });
const registry = `http://127.0.0.1:${ports.schemaRegistry}/apis/ccompat/v7`;
const topic = `e2e-avro-${Date.now().toString(36)}`;
const subject = `${topic}-value`;
const admin = kafka.admin();
let firstSchema: { fields: Array<Record<string, unknown>> } & Record<string, unknown>;

async function registerVersion(schema: unknown): Promise<void> {
  const response = await fetch(`${registry}/subjects/${subject}/versions`, {
    method: "POST",
    headers: { "content-type": "application/vnd.schemaregistry.v1+json" },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  expect(response.status).toBe(200);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  expect(produceWithConfluent(topic, "avro", "lz4", 12)).toHaveLength(12);
  const latest = (await (await fetch(`${registry}/subjects/${subject}/versions/latest`)).json()) as { schema: string };
  firstSchema = JSON.parse(latest.schema) as typeof firstSchema;
  // v2: a field added with a default, which BACKWARD allows.
  await registerVersion({ ...firstSchema, fields: [...firstSchema.fields, { name: "channel", type: "string", default: "web" }] });
});

test.afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  await fetch(`${registry}/subjects/${subject}`, { method: "DELETE" }).catch(() => undefined);
  await fetch(`${registry}/subjects/${subject}?permanent=true`, { method: "DELETE" }).catch(() => undefined);
});

test("an Avro topic is browsed decoded, filtered on a decoded field, and its schema a click away", async ({ page, snap, expectAccessible }) => {
  const messages = new KafkaMessagesPage(page, topic);
  await messages.goto();
  await messages.search({ start: "earliest", filter: 'value.status == "PAID" and value.lines[0].qty == 1' });
  await expect(messages.status()).toHaveText("Read to the end of the chosen partitions.");
  // Records 1, 4, 7 and 10 are PAID, with at least one line.
  await expect(messages.rows()).toHaveCount(4);
  await expect(messages.rows().first()).toContainText('"status":"PAID"');
  await messages
    .rows()
    .first()
    .getByRole("button", { name: /^Message 0:/ })
    .click();
  const badge = page.getByRole("link", { name: new RegExp(`^Avro · ${subject} v1 · id \\d+$`) });
  await expect(badge).toBeVisible();
  await expect(page.getByText("Union branches: payment → string")).toBeVisible();
  await snap("kafka-messages-avro");
  await expectAccessible();

  await badge.click();
  await expect(page).toHaveURL(new RegExp(`/schemas/${subject}\\?version=1$`));
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await expect(page.getByLabel("Schema of v1")).toContainText('"name": "Order"');
});

test("the subject's versions are diffed, an incompatible change is refused and a compatible one registered", async ({ page, snap, expectAccessible }) => {
  await page.goto("/schemas");
  const row = page.getByRole("row").filter({ hasText: subject });
  await expect(row).toContainText("Avro");
  await expect(row).toContainText("v2");
  await expect(row).toContainText("BACKWARD");
  await expect(row.getByRole("link", { name: topic, exact: true })).toHaveAttribute("href", `/kafka/topics/${topic}`);
  await snap("schemas-list");
  await row.getByRole("link", { name: subject, exact: true }).click();

  const diff = page.getByLabel("Diff of v1 and v2");
  await expect(diff.locator('[data-change="added"]').filter({ hasText: '"name": "channel"' })).toHaveCount(1);
  await expect(page.getByRole("status").filter({ hasText: /^\d+ lines? added, \d+ removed$/ })).toBeVisible();

  // A new field without a default: old records could not be read with it.
  const editor = page.getByLabel(/^Schema \(Avro\), checked against BACKWARD/);
  const incompatible = {
    ...firstSchema,
    fields: [...firstSchema.fields, { name: "channel", type: "string", default: "web" }, { name: "region", type: "string" }],
  };
  await editor.fill(JSON.stringify(incompatible, null, 2));
  await page.getByRole("button", { name: "Check compatibility" }).click();
  await expect(page.getByText("Incompatible under BACKWARD: the registry would refuse it")).toBeVisible();
  await expect(page.getByRole("button", { name: "Register as the next version" })).toBeDisabled();
  await snap("schema-check-refused");

  const compatible = { ...incompatible, fields: [...incompatible.fields.slice(0, -1), { name: "region", type: ["null", "string"], default: null }] };
  await editor.fill(JSON.stringify(compatible, null, 2));
  await editor.press("Control+Enter");
  await expect(page.getByText("Compatible with the subject under BACKWARD")).toBeVisible();
  await page.getByRole("button", { name: "Register as the next version" }).click();
  await expect(page).toHaveURL(/version=3/);
  await expect(page.getByLabel("Version")).toHaveValue("3");
  await snap("schema-subject");
  await expectAccessible();
});

test("a message produced with the subject's schema reads back through confluent-kafka's deserializer", async ({ page }) => {
  const messages = new KafkaMessagesPage(page, topic);
  await messages.goto();
  const form = await messages.openProduceForm();
  await form.getByLabel("Key (empty: no key)").fill("k-e2e");
  await form.getByLabel("Value format").selectOption("schema");
  await expect(form.getByLabel("Subject (its latest version)")).toHaveValue(subject);
  const value = {
    id: "o-e2e",
    seq: 42,
    total: "12.50",
    placed: "2024-05-01T12:00:00.250Z",
    day: "2024-05-02",
    ref: "00000000-0000-0000-0000-00000000e2e0",
    note: null,
    payment: { string: "card" },
    status: "SHIPPED",
    lines: [{ sku: "sku-e2e", qty: 3 }],
    tags: { via: "console" },
    digest: "AQID",
  };
  // A field of the wrong type is named, and nothing is written.
  await form.getByLabel("Value", { exact: true }).fill(JSON.stringify({ ...value, seq: "many" }));
  await form.getByRole("button", { name: "Send message" }).click();
  await expect(form.getByRole("alert")).toContainText(`does not fit ${subject} v3`);
  await expect(form.getByRole("alert")).toContainText("seq");

  await form.getByLabel("Value", { exact: true }).fill(JSON.stringify(value));
  await form.getByRole("button", { name: "Send message" }).click();
  await expect(form.getByRole("status")).toHaveText(/Written to partition 0 at offset 12\./);

  const theirs = readWithConfluent(topic, "avro");
  expect(theirs).toHaveLength(13);
  // Their deserializer reads it with v3: the fields the form left out take their defaults.
  expect(theirs.at(-1)!.value).toEqual({ ...value, payment: "card", channel: "web", region: null });
});
