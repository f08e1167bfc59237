import type { Locator, Page } from "@playwright/test";

export class MongoDatabasesPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/mongo");
  }

  databaseLink(name: string): Locator {
    return this.page.getByRole("link", { name, exact: true });
  }

  row(name: string): Locator {
    return this.page.getByRole("row").filter({ has: this.databaseLink(name) });
  }
}

export class MongoCollectionsPage {
  constructor(private readonly page: Page) {}

  collectionLink(name: string): Locator {
    return this.page.getByRole("link", { name, exact: true });
  }

  row(name: string): Locator {
    return this.page.getByRole("row").filter({ has: this.collectionLink(name) });
  }
}

export class MongoDocumentsPage {
  constructor(private readonly page: Page) {}

  async goto(db: string, collection: string, query = ""): Promise<void> {
    await this.page.goto(`/mongo/${encodeURIComponent(db)}/${encodeURIComponent(collection)}${query}`);
  }

  filter(): Locator {
    return this.page.getByLabel("Filter", { exact: true });
  }

  rows(): Locator {
    return this.page.getByTestId("document-row");
  }

  /** The text of one column's cells, in page order. */
  async column(name: string): Promise<string[]> {
    const headers = await this.page.getByRole("columnheader").allTextContents();
    const index = headers.indexOf(name);
    if (index < 0) throw new Error(`no column ${name} among ${headers.join(", ")}`);
    return this.rows()
      .locator(`td:nth-child(${index + 1})`)
      .allTextContents();
  }

  next(): Locator {
    return this.page.getByRole("button", { name: "Next" });
  }

  previous(): Locator {
    return this.page.getByRole("button", { name: "Previous" });
  }

  pageNumber(): Locator {
    return this.page.getByTestId("page-number");
  }

  async jumpTo(id: string): Promise<void> {
    await this.page.getByLabel("Jump to _id").fill(id);
    await this.page.getByRole("button", { name: "Go", exact: true }).click();
  }
}
