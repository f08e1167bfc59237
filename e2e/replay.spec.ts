import { Kafka, logLevel } from "kafkajs";
import { expect, test } from "./fixtures";
import { NewReplayPage, ReplayJobPage, ReplayListPage } from "./pages/replay-pages";

const kafka = new Kafka({ clientId: "e2e-replay", brokers: [`127.0.0.1:${process.env.EVENTDECK_KAFKA_PORT ?? 19092}`], logLevel: logLevel.NOTHING });
const run = Date.now().toString(36);
const source = `e2e-replay-src-${run}`;
const target = `e2e-replay-dst-${run}`;
const missing = `e2e-replay-new-${run}`;
const group = `e2e-replay-group-${run}`;
/** Jobs this file started: their progress groups are removed afterwards. */
const jobIds: string[] = [];
const rejected = 'payload.status == "rejected"';

/** The x-replay-job header of every committed event of a topic (offsets also hold transaction markers, so they are not a count). */
async function replayJobHeaders(topic: string, expected: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: `e2e-replay-check-${run}-${topic}`, readUncommitted: false });
  const jobs: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${jobs.length} of ${expected} events`)), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          jobs.push(message.headers?.["x-replay-job"]?.toString() ?? "");
          if (jobs.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    // Anything beyond the expected count would arrive within a moment.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  } finally {
    await consumer.disconnect();
  }
  return jobs;
}

test.beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: source, numPartitions: 3 },
      { topic: target, numPartitions: 3 },
    ],
    waitForLeaders: true,
  });
  // Idempotent: a retried request on a busy broker must not write the events twice.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  // 300 order events, 100 per partition; every fifth is rejected, so 20 per partition.
  await producer.send({
    topic: source,
    messages: Array.from({ length: 300 }, (_, i) => ({
      partition: i % 3,
      key: `order-${i}`,
      value: JSON.stringify({ type: "OrderChanged", aggregateId: `order-${i}`, payload: { status: i % 5 === 0 ? "rejected" : "approved", total: i } }),
      headers: { traceId: `trace-${i}` },
    })),
  });
  await producer.disconnect();
  await admin.disconnect();
});

test.afterAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  const existing = await admin.listTopics();
  await admin.deleteTopics({ topics: [source, target, missing].filter((t) => existing.includes(t)) }).catch(() => undefined);
  await admin.deleteGroups([`e2e-replay-check-${run}-${target}`, group, ...jobIds.map((id) => `eventdeck-replay-${id}`)]).catch(() => undefined);
  await admin.disconnect();
});

test("a filtered re-publish: dry run, confirmation, live progress to 100 %, audit and the jobs list", async ({ page, snap, expectAccessible }) => {
  // The message browser offers to replay what its search selects.
  await page.goto(`/kafka/topics/${source}/messages?partitions=0,2&start=earliest&filter=${encodeURIComponent(rejected)}`);
  await page.getByRole("link", { name: "Replay these messages…" }).click();
  await expect(page).toHaveURL(/\/replay\/new\?kind=republish&topic=[^&]+&partitions=0%2C2&filter=payload/);
  const form = new NewReplayPage(page);

  // The link's values fill the form.
  await expect(form.section("Source").getByLabel("Topic")).toHaveValue(source);
  await expect(form.section("Source").getByLabel("Partition 0")).toBeChecked();
  await expect(form.section("Source").getByLabel("Partition 1")).not.toBeChecked();
  await expect(form.section("Source").getByLabel("Partition 2")).toBeChecked();
  await expect(form.form().getByLabel(/^Filter/)).toHaveValue(rejected);
  await form.section("Target").getByLabel("Topic").fill(target);
  await form.section("Target").getByLabel("Rate limit (events/s)").fill("100");
  // The address bar follows the form, so it can be shared.
  await expect(page).toHaveURL(new RegExp(`target=${target}`));
  await expect(page).toHaveURL(/rate=100/);

  await form.dryRun();
  await expect(form.plan()).toBeVisible();
  await expect(form.stat("plan-records")).toHaveText("200");
  await expect(form.stat("plan-matched")).toHaveText("40");
  await expect(form.partitionRows()).toHaveCount(2);
  await expect(form.partitionRows().nth(0)).toContainText(/^0\s*0\s*100\s*100\s*20$/);
  await expect(form.partitionRows().nth(1)).toContainText(/^2\s*0\s*100\s*100\s*20$/);
  await expect(form.sampleRows()).toHaveCount(10);
  await expect(form.plan().getByText(/Same partition: an event read from partition p/)).toBeVisible();
  await expect(form.plan().getByText("x-replay-job", { exact: true })).toBeVisible();
  await snap("replay-new-plan");
  await expectAccessible();

  // Changing the form drops the dry run: what starts is always what was planned.
  await form.section("Target").getByLabel("Rate limit (events/s)").fill("");
  await expect(form.plan()).toBeHidden();
  await form.dryRun();
  await expect(form.stat("plan-matched")).toHaveText("40");

  const dialog = await form.start();
  await expect(dialog.getByTestId("confirm-count")).toHaveText("40");
  await expect(dialog).toContainText(`to ${target}, same partition as read`);
  await dialog.getByRole("button", { name: `Write 40 events to ${target}` }).click();

  await expect(page).toHaveURL(/\/replay\/rp-[a-z0-9-]+$/);
  const jobId = decodeURIComponent(page.url().split("/").pop()!);
  jobIds.push(jobId);
  const job = new ReplayJobPage(page);
  await expect(job.state()).toHaveText("completed", { timeout: 30_000 });
  await expect(job.overall()).toHaveAttribute("aria-valuenow", "100");
  await expect(job.done()).toContainText("40 of 40 events written");
  await expect(job.partitionRows()).toHaveCount(2);
  await expect(job.auditRows().filter({ hasText: "replay.create" })).toHaveCount(1);
  await expect(job.auditRows().filter({ hasText: "replay.finish" })).toHaveCount(1);
  await expect(page.getByRole("group", { name: "Job actions" })).toHaveCount(0);
  // What the target holds: exactly the 40 rejected orders, each marked with the job.
  expect(await replayJobHeaders(target, 40)).toEqual(Array.from({ length: 40 }, () => jobId));
  await snap("replay-job");
  await expectAccessible();

  const list = new ReplayListPage(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Replay" }).click();
  await expect(page).toHaveURL(/\/replay$/);
  await expect(list.row(jobId)).toContainText(`${source} → ${target}`);
  await expect(list.row(jobId)).toContainText("completed");
  await expect(list.row(jobId)).toContainText("40 / 40");
  await list.filter("completed").click();
  await expect(page).toHaveURL(/\/replay\?state=completed$/);
  await expect(list.row(jobId)).toBeVisible();
  await snap("replay-list");
  await expectAccessible();
  await list.filter("failed").click();
  await expect(list.row(jobId)).toHaveCount(0);
});

test("a slow replay shows live progress and can be paused, resumed and cancelled", async ({ page, snap, expectAccessible }) => {
  // 300 events at 4/s last 75 s: time enough for the steps below on a busy machine before it could finish.
  test.setTimeout(120_000);
  const form = new NewReplayPage(page);
  await form.goto({ kind: "republish", topic: source, target, rate: "4" });
  await expect(form.section("Target").getByLabel("Rate limit (events/s)")).toHaveValue("4");
  await form.dryRun();
  await expect(form.stat("plan-matched")).toHaveText("300");
  const dialog = await form.start();
  await expect(dialog).toContainText("at most 4 events/s");
  await dialog.getByRole("button", { name: `Write 300 events to ${target}` }).click();

  await expect(page).toHaveURL(/\/replay\/rp-[a-z0-9-]+$/);
  jobIds.push(decodeURIComponent(page.url().split("/").pop()!));
  const job = new ReplayJobPage(page);
  await expect(job.state()).toHaveText("running");
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  // Progress arrives over the event stream while the job runs.
  await expect(job.done()).toContainText(/^[1-9]\d* of 300 events written/);
  await expect(job.partitionRows()).toHaveCount(3);
  await snap("replay-job-running");
  await expectAccessible();

  const actions = page.getByRole("group", { name: "Job actions" });
  await actions.getByRole("button", { name: "Pause" }).click();
  await expect(job.state()).toHaveText("paused");
  const pausedAt = await job.done().textContent();
  await page.waitForTimeout(1_500);
  await expect(job.done()).toHaveText(pausedAt!);
  await actions.getByRole("button", { name: "Resume" }).click();
  await expect(job.state()).toHaveText("running");

  await actions.getByRole("button", { name: "Cancel…" }).click();
  const cancel = page.getByRole("dialog", { name: "Cancel this replay?" });
  await expect(cancel).toContainText("already written stay in the target");
  await cancel.getByRole("button", { name: "Cancel replay" }).click();
  await expect(job.state()).toHaveText("cancelled");
  await expect(actions).toHaveCount(0);
  for (const action of ["replay.create", "replay.pause", "replay.resume", "replay.cancel"])
    await expect(job.auditRows().filter({ hasText: action })).toHaveCount(1);
});

/** Runs a consumer of the source in the reprocessed group until it has read `count` events; it stays a member until stopped. */
async function consumeSource(count: number) {
  const consumer = kafka.consumer({ groupId: group, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  await consumer.connect();
  await consumer.subscribe({ topic: source, fromBeginning: true });
  let read = 0;
  const reached = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async () => {
        if (++read >= count) resolve();
      },
    });
  });
  await reached;
  return consumer;
}

test("reprocess: refused while the group has members, then a rewind followed until the group caught up", async ({ page, snap, expectAccessible }) => {
  const first = await consumeSource(300);
  // The group page offers a reprocess of the group, prefilled.
  await page.goto(`/kafka/groups/${group}`);
  await page.getByRole("link", { name: "Reprocess…" }).click();
  await expect(page).toHaveURL(new RegExp(`/replay/new\\?kind=reprocess&group=${group}&topic=${source}`));
  const form = new NewReplayPage(page);
  await expect(form.form().getByRole("radio", { name: /Reprocess with a consumer group/ })).toBeChecked();
  await form.form().getByLabel("Rewind to").selectOption("shift");
  await form.form().getByLabel("Events (negative: back)").fill("-30");
  await expect(page).toHaveURL(/rewind=shift&shift=-30/);

  await expect(async () => {
    await form.dryRun();
    await expect(form.stat("plan-records")).toHaveText("90", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(form.partitionRows()).toHaveCount(3);
  await expect(form.warnings()).toContainText("1 active member(s)");
  let dialog = await form.start();
  await dialog.getByRole("button", { name: `Rewind ${group}` }).click();
  await expect(form.refusal()).toContainText("Group is active");
  await expect(form.refusal().getByRole("link", { name: group })).toBeVisible();

  // Stopped, the group can be rewound.
  await first.disconnect();
  await form.dryRun();
  await expect(form.stat("plan-records")).toHaveText("90");
  await expect(form.warnings()).toHaveCount(0);
  await snap("replay-reprocess-plan");
  await expectAccessible();
  dialog = await form.start();
  await expect(dialog).toContainText("30 events back");
  await dialog.getByRole("button", { name: `Rewind ${group}` }).click();

  const job = new ReplayJobPage(page);
  await expect(job.state()).toHaveText("running");
  await expect(job.done()).toContainText("0 of 90 events read again");
  await expect(page.getByRole("link", { name: `Watch the lag of ${group} →` })).toBeVisible();
  await expect(job.auditRows().filter({ hasText: "replay.rewind" })).toHaveCount(1);

  // The group's consumers start again and read the 90 events a second time.
  const second = await consumeSource(90);
  await second.disconnect();
  await expect(job.state()).toHaveText("completed", { timeout: 30_000 });
  await expect(job.overall()).toHaveAttribute("aria-valuenow", "100");
  await expect(job.done()).toContainText("90 of 90 events read again");
  await snap("replay-reprocess-job");
  await expectAccessible();
});

test("a missing target topic is refused with its reason, and can be created from the form", async ({ page, expectAccessible }) => {
  // The topic page links to a re-publish of itself.
  await page.goto(`/kafka/topics/${source}`);
  await page.getByRole("link", { name: "Replay…" }).click();
  await expect(page).toHaveURL(new RegExp(`/replay/new\\?kind=republish&topic=${source}$`));
  const form = new NewReplayPage(page);
  await expect(form.section("Source").getByLabel("Topic")).toHaveValue(source);

  await form.section("Target").getByLabel("Topic").fill(missing);
  await form.dryRun();
  await expect(form.stat("plan-records")).toHaveText("300");
  await expect(form.warnings()).toContainText(`Target topic "${missing}" does not exist`);
  const dialog = await form.start();
  await dialog.getByRole("button", { name: `Write 300 events to ${missing}` }).click();
  await expect(form.refusal()).toContainText(`Target topic "${missing}" does not exist`);
  await expect(form.refusal()).toContainText("Topic missing");
  await expectAccessible();

  // The refusal offers to create the topic, prefilled; the dry run then runs again.
  await form
    .refusal()
    .getByRole("button", { name: `Create topic ${missing}` })
    .click();
  const create = page.getByRole("dialog", { name: "Create topic" });
  await expect(create.getByLabel("Name", { exact: true })).toHaveValue(missing);
  await expect(create.getByLabel("Partitions")).toHaveValue("3");
  await create.getByRole("button", { name: "Create topic" }).click();
  await expect(create).toBeHidden();
  await expect(form.refusal()).toBeHidden();
  await expect(form.plan().getByText(/Same partition: an event read from partition p/)).toBeVisible();
  await expect(page.getByText(/does not exist/)).toHaveCount(0);
});
