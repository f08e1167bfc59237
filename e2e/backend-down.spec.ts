import { expect, stack, test } from "./fixtures";
import { TopicsPage } from "./pages/kafka-pages";
import { MongoDatabasesPage } from "./pages/mongo-pages";

test.describe.configure({ mode: "serial" });

test("a stopped MongoDB shows the MongoDB page's inline error with a retry, and Kafka's pages keep working", async ({ page, snap }) => {
  const databases = new MongoDatabasesPage(page);
  stack("down", "mongo");
  try {
    await databases.goto();
    const failure = page.getByRole("alert").filter({ hasText: "MongoDB is unavailable" });
    await expect(failure).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
    await snap("mongo-down-inline-error");

    // The rest of the console does not depend on MongoDB.
    const topics = new TopicsPage(page);
    await topics.goto();
    // The topics answered by Kafka (a fresh cluster has none: its empty state is an answer too).
    await expect(page.getByRole("table").or(page.getByText("No topics yet."))).toBeVisible();
    await expect(page.getByText(/Could not load/)).toHaveCount(0);
    await databases.goto();
    await expect(failure).toBeVisible({ timeout: 30_000 });
  } finally {
    stack("up", "mongo");
  }
  // Retry asks again and shows the databases once MongoDB answers.
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(databases.databaseLink("admin").or(page.getByRole("table"))).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("alert").filter({ hasText: "MongoDB is unavailable" })).toHaveCount(0);
});
