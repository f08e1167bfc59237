import type { Locator, Page } from "@playwright/test";

/** The message browser of one topic, with its produce form. */
export class KafkaMessagesPage {
  constructor(
    private readonly page: Page,
    private readonly topic: string,
  ) {}

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/kafka/topics/${encodeURIComponent(this.topic)}/messages${query ? `?${query}` : ""}`);
  }

  searchForm(): Locator {
    return this.page.getByRole("form", { name: "Browse messages" });
  }

  produceForm(): Locator {
    return this.page.getByRole("form", { name: `Produce a message to ${this.topic}` });
  }

  async openProduceForm(): Promise<Locator> {
    await this.page.getByRole("button", { name: "Produce a message" }).click();
    return this.produceForm();
  }

  async addHeader(name: string, value: string): Promise<void> {
    const form = this.produceForm();
    await form.getByRole("button", { name: "Add header" }).click();
    const index = await form.getByPlaceholder("name").count();
    await form.getByLabel(`Header ${index} name`).fill(name);
    await form.getByLabel(`Header ${index} value`).fill(value);
  }

  async search(settings: { start?: string; filter?: string }): Promise<void> {
    const form = this.searchForm();
    if (settings.start) await form.getByLabel("Start at").selectOption(settings.start);
    if (settings.filter !== undefined) await form.getByLabel("Filter", { exact: true }).fill(settings.filter);
    await form.getByRole("button", { name: "Search" }).click();
  }

  rows(): Locator {
    return this.page.getByTestId("message-row");
  }

  counter(): Locator {
    return this.page.getByTestId("scan-counter");
  }

  status(): Locator {
    return this.page.getByTestId("scan-status");
  }
}
