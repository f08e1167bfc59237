import type { Locator, Page } from "@playwright/test";

export class TopicsPage {
  constructor(private readonly page: Page) {}

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/kafka/topics${query}`);
  }

  filter(): Locator {
    return this.page.getByLabel("Filter");
  }

  topicLink(name: string): Locator {
    return this.page.getByRole("link", { name, exact: true });
  }

  row(name: string): Locator {
    return this.page.getByRole("row").filter({ has: this.topicLink(name) });
  }
}

export class GroupsPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/kafka/groups");
  }

  group(groupId: string): Locator {
    return this.page.locator(`[id="${groupId}"]`);
  }
}
