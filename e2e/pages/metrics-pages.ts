import type { Locator, Page } from "@playwright/test";

export class DashboardPage {
  constructor(private readonly page: Page) {}

  async goto(id: string, query = ""): Promise<void> {
    await this.page.goto(`/metrics/${id}${query}`);
  }

  panels(): Locator {
    return this.page.getByTestId("panel");
  }

  panel(id: string): Locator {
    return this.page.locator(`[data-testid="panel"][data-panel="${id}"]`);
  }

  /** Resolves once no panel is still loading. */
  async waitForPanels(): Promise<void> {
    await this.page
      .locator('[data-testid="panel"][data-state="loading"]')
      .first()
      .waitFor({ state: "detached", timeout: 30_000 })
      .catch(() => undefined);
    await this.page.locator('[data-testid="panel"]:not([data-state="loading"])').first().waitFor();
  }

  rangeSelect(): Locator {
    return this.page.getByLabel("Time range");
  }

  variableButton(label: string): Locator {
    return this.page.getByRole("button", { name: new RegExp(`^${label}`) });
  }

  variableOption(value: string): Locator {
    return this.page.getByRole("checkbox", { name: value, exact: true });
  }
}

export class ExplorePage {
  constructor(private readonly page: Page) {}

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/metrics/explore${query}`);
  }

  editor(): Locator {
    return this.page.locator(".cm-content");
  }

  completions(): Locator {
    return this.page.locator(".cm-tooltip-autocomplete");
  }

  runButton(): Locator {
    return this.page.getByRole("button", { name: "Run query" });
  }

  result(): Locator {
    return this.page.getByTestId("explore-result");
  }
}
