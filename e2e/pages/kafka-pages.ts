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

  groupLink(groupId: string): Locator {
    return this.page.getByRole("link", { name: groupId, exact: true });
  }

  row(groupId: string): Locator {
    return this.page.getByRole("row").filter({ has: this.groupLink(groupId) });
  }
}

export class GroupPage {
  constructor(private readonly page: Page) {}

  async goto(groupId: string): Promise<void> {
    await this.page.goto(`/kafka/groups/${encodeURIComponent(groupId)}`);
  }

  totalLag(): Locator {
    return this.page.getByTestId("group-total-lag");
  }

  partitionsTable(): Locator {
    return this.page.getByRole("table").filter({ has: this.page.getByRole("columnheader", { name: "Behind by" }) });
  }

  resetForm(groupId: string): Locator {
    return this.page.getByRole("form", { name: `Reset offsets of ${groupId}` });
  }
}
