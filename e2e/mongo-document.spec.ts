import { randomUUID } from "node:crypto";
import { Double, Int32, ObjectId, serialize } from "bson";
import { MongoClient, type Collection } from "mongodb";
import { expect, test } from "./fixtures";
import { MongoDocumentPage } from "./pages/mongo-document-page";

const client = new MongoClient(`mongodb://127.0.0.1:${process.env.EVENTDECK_MONGO_PORT ?? 27018}/`, { serverSelectionTimeoutMS: 5000 });
const db = `e2e_doc_${randomUUID().slice(0, 8)}`;
let orders: Collection;

function order(status: string) {
  return {
    _id: new ObjectId(),
    orderId: `ord-${randomUUID().slice(0, 6)}`,
    customerId: "cust-42",
    status,
    total: new Double(70.5),
    quantity: new Int32(2),
    items: [
      { sku: "mug-blue", qty: new Int32(1), price: new Double(12.5) },
      { sku: "tea-earl-grey", qty: new Int32(1), price: new Double(58) },
    ],
    reason: status === "rejected" ? "payment declined" : null,
    createdAt: new Date("2026-02-03T10:15:00Z"),
  };
}

test.beforeAll(async () => {
  await client.connect();
  orders = client.db(db).collection("orders");
  await orders.insertMany([order("rejected"), order("approved"), order("rejected"), order("shipped")]);
});

test.afterAll(async () => {
  await client
    .db(db)
    .dropDatabase()
    .catch(() => undefined);
  await client.close();
});

test("a document is edited through the diff step, saved, and still changed after a reload", async ({ page, snap, expectAccessible }) => {
  const doc = order("rejected");
  await orders.insertOne(doc);
  const mongo = new MongoDocumentPage(page);
  await mongo.gotoDocument(db, "orders", doc._id.toHexString());
  await expect(page.getByRole("heading", { level: 2 })).toContainText(doc._id.toHexString());
  const text = await mongo.editorText();
  expect(text).toContain('"status": "rejected"');
  expect(text).toContain('"total": { "$numberDouble": "70.5" }');
  expect(text).toContain('"createdAt": { "$date": "2026-02-03T10:15:00.000Z" }');
  await snap("mongo-document");
  await expectAccessible();

  // A syntax error is named with its position while typing.
  await mongo.setEditorText(text.replace('"status": "rejected",', '"status": "rejected"'));
  await expect(mongo.alert()).toContainText(/position \d+: CommaExpected \(line \d+, column \d+\)/);
  await expect(mongo.button(/Review and save/)).toBeDisabled();

  await mongo.setEditorText(text.replace('"status": "rejected"', '"status": "approved"'));
  await expect(page.getByText("Edited — review the changes to save them.")).toBeVisible();
  await page.keyboard.press("ControlOrMeta+s");
  const review = mongo.dialog("Review changes");
  await expect(review).toBeVisible();
  await expect(review.getByRole("cell", { name: '"status": "rejected",' })).toBeVisible();
  await expect(review.getByRole("cell", { name: '"status": "approved",' })).toBeVisible();
  await expect(review).toContainText("1 line added, 1 removed");
  await snap("mongo-document-diff");
  await expectAccessible();

  await page.keyboard.press("ControlOrMeta+s");
  await expect(review).toBeHidden();
  await expect(page.getByText("Edited —")).toBeHidden();
  // Only the status changed: every other value keeps its BSON type, byte for byte (dates shown as ISO text included).
  const stored = (await orders.findOne({ _id: doc._id }, { raw: true })) as unknown as Buffer;
  expect(stored.toString("hex")).toBe(Buffer.from(serialize({ ...doc, status: "approved" })).toString("hex"));

  await page.reload();
  await mongo.editor().waitFor();
  expect(await mongo.editorText()).toContain('"status": "approved"');
});

test("a save over a change made elsewhere is refused with 409 and offers to reload", async ({ page }) => {
  const doc = order("rejected");
  await orders.insertOne(doc);
  const mongo = new MongoDocumentPage(page);
  await mongo.gotoDocument(db, "orders", doc._id.toHexString());
  const text = await mongo.editorText();
  await mongo.setEditorText(text.replace('"payment declined"', '"card expired"'));

  await orders.updateOne({ _id: doc._id }, { $set: { status: "cancelled" } });
  await mongo.button(/Review and save/).click();
  const review = mongo.dialog("Review changes");
  await review.getByRole("button", { name: /^Save/ }).click();
  await expect(review.getByRole("alert")).toContainText("the document changed since you loaded it");
  expect((await orders.findOne({ _id: doc._id }))?.reason).toBe("payment declined");

  await review.getByRole("button", { name: "Reload document" }).click();
  await expect(review).toBeHidden();
  await expect(mongo.editor()).toContainText('"status": "cancelled"');
  await expect(mongo.editor()).toContainText('"payment declined"');
});

test("documents whose _id is not an ObjectId open by their URL too", async ({ page }) => {
  await orders.insertMany([
    { _id: "order/7 50%", status: "rejected" },
    { _id: new Int32(42), status: "approved" },
    { _id: "new", status: "odd" },
  ] as never[]);
  const mongo = new MongoDocumentPage(page);
  await mongo.gotoDocument(db, "orders", "order/7 50%");
  await expect(mongo.editor()).toContainText('"_id": "order/7 50%"');
  await mongo.gotoDocument(db, "orders", 'ejson:{"$numberInt":"42"}');
  await expect(mongo.editor()).toContainText('"_id": { "$numberInt": "42" }');
  // The word "new" opens the insert page; a document with that _id is reached through its Extended JSON spelling.
  await mongo.gotoDocument(db, "orders", 'ejson:"new"');
  await expect(mongo.editor()).toContainText('"status": "odd"');
});

test("a document is duplicated into a new one and deleted after a confirmation", async ({ page }) => {
  const doc = order("rejected");
  await orders.insertOne(doc);
  const mongo = new MongoDocumentPage(page);
  await mongo.gotoDocument(db, "orders", doc._id.toHexString());

  await page.getByRole("link", { name: "Duplicate" }).click();
  await expect(page).toHaveURL(/\/doc\/new\?copy=/);
  await expect(page.getByRole("heading", { level: 2 })).toContainText("Copy of");
  await mongo.editor().waitFor();
  expect(await mongo.editorText()).not.toContain('"_id"');
  await mongo.button(/^Insert/).click();
  await expect(page).not.toHaveURL(/\/doc\/new/);
  const copyId = decodeURIComponent(page.url().split("/doc/")[1]!);
  expect(copyId).toMatch(/^[0-9a-f]{24}$/);
  expect(await orders.findOne({ _id: new ObjectId(copyId) })).toMatchObject({ orderId: doc.orderId, status: "rejected" });

  await mongo.button("Delete").click();
  const confirm = mongo.dialog("Delete this document?");
  await confirm.getByRole("button", { name: "Delete document" }).click();
  await expect(page).toHaveURL(new RegExp(`/mongo/${db}/orders$`));
  expect(await orders.findOne({ _id: new ObjectId(copyId) })).toBeNull();
});

test("indexes are listed, created and dropped; the server's refusal of a TTL index is shown as it is", async ({ page, snap, expectAccessible }) => {
  const mongo = new MongoDocumentPage(page);
  await mongo.gotoIndexes(db, "orders");
  await expect(mongo.indexRow("_id_")).toContainText("_id ↑");

  await page.getByLabel("Field 1", { exact: true }).fill("status");
  await mongo.button("Add field").click();
  await page.getByLabel("Field 2", { exact: true }).fill("createdAt");
  await page.getByLabel("Direction of field 2").selectOption("-1");
  await mongo.button("Create index").click();
  await expect(page.getByRole("status").filter({ hasText: "Created index" })).toContainText("status_1_createdAt_-1");
  await expect(mongo.indexRow("status_1_createdAt_-1")).toContainText("status ↑, createdAt ↓");

  const isFerretDb = typeof (await client.db("admin").command({ buildInfo: 1 })).ferretdbVersion === "string";
  await page.getByLabel("Field 1", { exact: true }).fill("createdAt");
  await mongo.button("Remove field 2").click();
  await page.getByLabel(/TTL in seconds/).fill("3600");
  await mongo.button("Create index").click();
  if (isFerretDb) {
    await expect(mongo.alert()).toContainText('Index option "expireAfterSeconds" is not implemented yet');
  } else {
    await expect(mongo.indexRow("createdAt_1")).toContainText("TTL 3600 s");
  }
  await snap("mongo-indexes");
  await expectAccessible();

  await mongo.button("Drop index status_1_createdAt_-1").click();
  const drop = mongo.dialog(/Drop index status_1_createdAt_-1/);
  await expect(drop.getByRole("button", { name: "Drop index" })).toBeDisabled();
  await drop.getByLabel(/to confirm/).fill("status_1_createdAt_-1");
  await drop.getByRole("button", { name: "Drop index" }).click();
  await expect(drop).toBeHidden();
  await expect(mongo.indexRow("status_1_createdAt_-1")).toHaveCount(0);
  await expect(mongo.button(/Drop index _id_/)).toHaveCount(0);
});

test("a pipeline runs with Ctrl+Enter, lands in the URL, and the server's refusals are shown", async ({ page, snap, expectAccessible }) => {
  const mongo = new MongoDocumentPage(page);
  await mongo.gotoAggregate(db, "orders");
  const pipeline = '[\n  { "$match": { "status": "rejected" } },\n  { "$project": { "_id": 0, "orderId": 1, "status": 1, "total": 1 } }\n]';
  await mongo.setEditorText(pipeline);
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page).toHaveURL(/pipeline=/);
  const heading = page.getByRole("heading", { name: /results? in \d+ ms/ });
  await expect(heading).toBeVisible();
  const rejected = await orders.countDocuments({ status: "rejected" });
  await expect(heading).toContainText(`${rejected} result`);
  await expect(page.getByLabel("Results as JSON")).toContainText('"status": "rejected"');
  await expect(page.getByLabel("Results as JSON")).not.toContainText('"approved"');
  await snap("mongo-aggregate");
  await expectAccessible();

  // The URL alone brings the same run back.
  const url = page.url();
  await page.goto(url);
  await expect(page.getByRole("heading", { name: /results? in \d+ ms/ })).toContainText(`${rejected} result`);

  // Writing stages are refused before they are sent; what the server cannot do is its answer, shown plainly.
  await mongo.setEditorText('[{ "$out": "copy" }]');
  await expect(mongo.alert()).toContainText("only read-only pipelines");
  await mongo.setEditorText('[{ "$group": { "_id": "$status", "top": { "$max": "$total" } } }]');
  await mongo.button(/^Run/).click();
  const isFerretDb = typeof (await client.db("admin").command({ buildInfo: 1 })).ferretdbVersion === "string";
  if (isFerretDb) await expect(mongo.alert()).toContainText('accumulator "$max" is not implemented yet');
  else await expect(page.getByRole("heading", { name: /results? in \d+ ms/ })).toBeVisible();
});
