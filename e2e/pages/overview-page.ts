import type { Locator, Page } from "@playwright/test";

export class OverviewPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/");
  }

  card(label: "Kafka" | "MongoDB" | "Prometheus"): Locator {
    return this.page.getByRole("region", { name: `${label} health` });
  }

  /** The panels under the backends: "Services and consumers", "Replays". */
  panel(title: string): Locator {
    return this.page.getByRole("region", { name: title });
  }

  reason(label: "Kafka" | "MongoDB" | "Prometheus"): Locator {
    return this.card(label).getByRole("status");
  }
}
