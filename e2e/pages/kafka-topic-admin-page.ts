import type { Locator, Page } from "@playwright/test";

/** The topics page's create dialog and a topic page's actions, tabs and configs. */
export class KafkaTopicAdminPage {
  constructor(private readonly page: Page) {}

  async gotoTopics(): Promise<void> {
    await this.page.goto("/kafka/topics");
  }

  async gotoTopic(name: string, query = ""): Promise<void> {
    await this.page.goto(`/kafka/topics/${encodeURIComponent(name)}${query}`);
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole("dialog", { name });
  }

  createDialog(): Locator {
    return this.dialog("Create topic");
  }

  /** Opens the create dialog and fills it in; `configs` become key=value rows. */
  async fillCreateForm(name: string, options: { partitions?: number; replication?: number; configs?: Record<string, string> } = {}): Promise<Locator> {
    await this.page.getByRole("button", { name: "Create topic" }).click();
    const dialog = this.createDialog();
    await dialog.getByLabel("Name", { exact: true }).fill(name);
    if (options.partitions !== undefined) await dialog.getByLabel("Partitions").fill(String(options.partitions));
    if (options.replication !== undefined) await dialog.getByLabel("Replication factor").fill(String(options.replication));
    let row = 0;
    for (const [key, value] of Object.entries(options.configs ?? {})) {
      row += 1;
      await dialog.getByRole("button", { name: "Add config" }).click();
      await dialog.getByLabel(`Config ${row} name`).fill(key);
      await dialog.getByLabel(`Config ${row} value`).fill(value);
    }
    return dialog;
  }

  tab(name: "Partitions" | "Configs"): Locator {
    return this.page.getByRole("tab", { name });
  }

  stat(label: string): Locator {
    return this.page
      .locator("dl > div")
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .locator("dd");
  }

  configRow(name: string): Locator {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("cell", { name, exact: true }) });
  }

  action(name: "Add partitions" | "Purge messages" | "Delete topic"): Locator {
    return this.page.getByRole("group", { name: "Topic actions" }).getByRole("button", { name });
  }
}
