import { expect, type Locator, type Page } from "@playwright/test";

/** The sign-in form (shown in place of any page without a session) and the user menu. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  form(): Locator {
    return this.page.getByRole("main").filter({ has: this.page.getByRole("heading", { name: "Sign in to Eventdeck" }) });
  }

  error(): Locator {
    return this.form().getByRole("alert");
  }

  async fill(user: { username: string; password: string }): Promise<void> {
    await this.page.getByLabel("User name").fill(user.username);
    await this.page.getByLabel("Password").fill(user.password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /** Opens `path` signed out, signs in through the form and waits for the page with the user in the top bar. */
  async signIn(user: { username: string; password: string }, path = "/"): Promise<void> {
    await this.page.goto(path);
    await expect(this.form()).toBeVisible();
    await this.fill(user);
    await expect(this.userMenu()).toContainText(user.username);
  }

  userMenu(): Locator {
    return this.page.getByRole("banner");
  }

  async signOut(): Promise<void> {
    await this.userMenu().getByRole("button", { name: "Sign out" }).click();
  }
}

/** The audit log page: filters, entries and export. */
export class AuditPage {
  constructor(private readonly page: Page) {}

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/audit${query ? `?${query}` : ""}`);
  }

  filters(): Locator {
    return this.page.getByRole("form", { name: "Filter the audit log" });
  }

  rows(): Locator {
    return this.page.getByTestId("audit-row");
  }

  /** Rows whose action and outcome cells hold these texts. */
  row(action: string, outcome: "ok" | "refused" | "failed"): Locator {
    return this.rows()
      .filter({ has: this.page.getByRole("cell", { name: action, exact: true }) })
      .filter({ has: this.page.getByRole("cell", { name: outcome, exact: true }) });
  }

  count(): Locator {
    return this.page.getByTestId("audit-count");
  }

  /** Exports in `format` and returns the downloaded file's name and text. */
  async export(format: "JSON lines" | "CSV"): Promise<{ name: string; text: string }> {
    await this.page.getByLabel("Export format").selectOption({ label: format });
    const download = this.page.waitForEvent("download");
    await this.page.getByRole("button", { name: "Export" }).click();
    const file = await download;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  }
}
