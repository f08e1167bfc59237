import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { MongoClient, ObjectId } from "mongodb";
import { expect, test } from "./fixtures";
import { MongoCollectionsPage, MongoDatabasesPage, MongoDocumentsPage } from "./pages/mongo-pages";

const mongoUri = `mongodb://127.0.0.1:${process.env.EVENTDECK_MONGO_PORT ?? 27018}/`;
const dbName = `e2e_browse_${Date.now().toString(36)}`;
const client = new MongoClient(mongoUri);
// Large enough that skip-based paging would show; small enough that FerretDB, which sorts the
// whole collection for every page, answers well within the query time limit on a busy machine.
const largeCount = 6_000;
const statuses = ["approved", "shipped", "rejected"] as const;
let deepId: ObjectId;

test.beforeAll(async () => {
  await client.connect();
  const db = client.db(dbName);
  // Shaped like the storefront's orders: UUID ids, items, a status, a reason when rejected.
  await db.collection<{ _id: string }>("orders").insertMany(
    Array.from({ length: 60 }, (_, i) => ({
      _id: randomUUID(),
      operationId: randomUUID(),
      customerId: `customer-${i % 7}`,
      items: [{ sku: `SKU-${i % 5}`, quantity: 1 + (i % 3), unitPrice: 100 + i }],
      total: (1 + (i % 3)) * (100 + i),
      status: statuses[i % 3],
      ...(i % 3 === 2 ? { reason: "over the credit limit" } : {}),
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      version: 2,
    })),
  );
  // ObjectIds made in one process increase, so `_id` order is insertion order and `n` tells the position.
  const large = Array.from({ length: largeCount }, (_, n) => ({ _id: new ObjectId(), n, kind: n % 2 ? "odd" : "even" }));
  deepId = large[4_500]!._id;
  for (let i = 0; i < large.length; i += 3_000) await db.collection("events").insertMany(large.slice(i, i + 3_000));
});

test.afterAll(async () => {
  await client
    .db(dbName)
    .dropDatabase()
    .catch(() => undefined);
  await client.close();
});

test("browse databases, collections and the rejected orders", async ({ page, snap, expectAccessible }) => {
  const databases = new MongoDatabasesPage(page);
  await databases.goto();
  await expect(databases.row(dbName)).toBeVisible();
  await expect(databases.row(dbName).getByRole("cell").nth(1)).toHaveText("2");
  await expect(page.getByRole("link", { name: "admin", exact: true })).toHaveCount(0);
  await snap("mongo-databases");
  await expectAccessible();

  await databases.databaseLink(dbName).click();
  const collections = new MongoCollectionsPage(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(dbName);
  await expect(collections.row("events")).toContainText("~6,000");
  await expect(collections.row("orders")).toContainText("~60");
  await page.getByRole("button", { name: "Count exactly" }).click();
  await expect(collections.row("events")).toContainText("6,000");
  await snap("mongo-collections");
  await expectAccessible();

  await collections.collectionLink("orders").click();
  const documents = new MongoDocumentsPage(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("orders");
  await expect(page.getByRole("link", { name: "Documents" })).toHaveAttribute("aria-current", "page");
  await expect(documents.rows()).toHaveCount(50);
  await expect(page.getByTestId("documents-total")).toContainText("~60 documents (estimated)");

  await documents.filter().fill('{"status": "rejected",}');
  await expect(page.getByText(/filter is not valid JSON at position 22/)).toBeVisible();
  await documents.filter().fill('{"status": "rejected"}');
  await documents.filter().press("Control+Enter");
  await expect(page).toHaveURL(/filter=%7B%22status%22%3A\+?%22rejected%22%7D/);
  await expect(documents.rows()).toHaveCount(20);
  expect(new Set(await documents.column("status"))).toEqual(new Set(["rejected"]));
  await page.getByRole("button", { name: "Exact count" }).click();
  await expect(page.getByTestId("documents-total")).toHaveText(/^20 documents/);
  await snap("mongo-documents");
  await expectAccessible();

  // Each row opens its document's page.
  const firstId = (await documents.column("_id"))[0]!;
  await expect(documents.rows().first().getByRole("link", { name: firstId })).toHaveAttribute("href", new RegExp(`/doc/${firstId}$`));

  await page.getByRole("button", { name: "JSON" }).click();
  await expect(page.getByTestId("document-json").first()).toContainText('"status": "rejected"');

  // Export the filtered documents as JSON lines: the file holds exactly the 20 rejected orders.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  const file = await (await download).path();
  const lines = readFileSync(file, "utf8").trim().split("\n");
  expect(lines).toHaveLength(20);
  expect(lines.every((line) => JSON.parse(line).status === "rejected")).toBe(true);
  await expect(page.getByTestId("export-status")).toHaveText("Exported 20 documents");
});

test("page deep into a 6,000-document collection, back, and jump to an _id", async ({ page }) => {
  // FerretDB sorts the whole collection in memory for every page (see stack/README.md): about a second each.
  test.setTimeout(420_000);
  const slow = { timeout: 60_000 };
  const documents = new MongoDocumentsPage(page);
  await documents.goto(dbName, "events");
  await expect(documents.rows()).toHaveCount(50, slow);
  expect((await documents.column("n"))[0]).toBe("0");
  for (let i = 1; i <= 6; i++) {
    await documents.next().click();
    await expect(documents.pageNumber()).toHaveText(`Page ${i + 1}`, slow);
    await expect.poll(async () => (await documents.column("n"))[0], slow).toBe(String(i * 50));
  }
  await documents.previous().click();
  await expect(documents.pageNumber()).toHaveText("Page 6", slow);
  await expect.poll(async () => (await documents.column("n"))[0], slow).toBe("250");

  await documents.jumpTo(deepId.toHexString());
  await expect.poll(async () => (await documents.column("n"))[0], slow).toBe("4500");
  await expect(page).toHaveURL(new RegExp(`startAt=${deepId.toHexString()}`), slow);
  await documents.next().click();
  await expect.poll(async () => (await documents.column("n"))[0], slow).toBe("4550");
  await documents.previous().click();
  await expect.poll(async () => (await documents.column("n"))[0], slow).toBe("4500");
  await documents.previous().click();
  await expect.poll(async () => (await documents.column("n"))[0], slow).toBe("4450");
});
