import { Kafka, logLevel } from "kafkajs";
import { expect, test } from "./fixtures";
import { KafkaMessagesPage } from "./pages/kafka-messages-page";
import { NewReplayPage } from "./pages/replay-pages";

const kafka = new Kafka({ clientId: "e2e-compression", brokers: [`127.0.0.1:${process.env.EVENTDECK_KAFKA_PORT ?? 19092}`], logLevel: logLevel.NOTHING });
const run = Date.now().toString(36);
const source = `e2e-codec-src-${run}`;
const target = `e2e-codec-dst-${run}`;
const admin = kafka.admin();

test.beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: source, numPartitions: 1 },
      { topic: target, numPartitions: 1, configEntries: [{ name: "compression.type", value: "zstd" }] },
    ],
    waitForLeaders: true,
  });
});

test.afterAll(async () => {
  await admin.deleteTopics({ topics: [source, target] }).catch(() => undefined);
  await admin.disconnect();
});

test("a message produced in lz4 is browsed back, and a replay's dry run names the codec it writes with", async ({ page, snap }) => {
  const messages = new KafkaMessagesPage(page, source);
  await messages.goto();
  const form = await messages.openProduceForm();
  await form.getByLabel("Key (empty: no key)").fill("order-lz4");
  await form.getByLabel("Compression").selectOption("lz4");
  await form.getByLabel("Value", { exact: true }).fill(JSON.stringify({ type: "OrderPlaced", codec: "lz4", items: [{ sku: "sku-1" }, { sku: "sku-1" }] }));
  await snap("produce-form-compression");
  await form.getByRole("button", { name: "Send message" }).click();
  await expect(form.getByRole("status")).toHaveText(/Written to partition 0 at offset 0\./);
  await messages.search({ start: "earliest", filter: 'value contains "lz4"' });
  await expect(messages.rows()).toHaveCount(1);
  await expect(messages.rows().first()).toContainText("order-lz4");

  // The target's compression.type decides, unless the form names a codec.
  const replay = new NewReplayPage(page);
  await replay.goto({ kind: "republish", topic: source, target });
  await replay.dryRun();
  await expect(replay.plan()).toContainText("Written zstd-compressed (the target topic's compression.type).");
  await replay.goto({ kind: "republish", topic: source, target, compression: "gzip" });
  await expect(replay.section("Target").getByLabel("Compression")).toHaveValue("gzip");
  await replay.dryRun();
  await expect(replay.plan()).toContainText("Written gzip-compressed (chosen here).");
  await snap("replay-plan-compression");
});
