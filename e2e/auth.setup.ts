import { test as setup, expect } from "@playwright/test";
import { adminState, e2eUsers } from "./users";

// Signs in once as the admin; the other specs start from this session.
setup("sign in as admin", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("User name").fill(e2eUsers.admin.username);
  await page.getByLabel("Password").fill(e2eUsers.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(e2eUsers.admin.username)).toBeVisible();
  await page.context().storageState({ path: adminState });
});
