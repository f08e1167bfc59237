import type { Locator, Page } from "@playwright/test";

/** The new-replay form, its dry run and confirmation. */
export class NewReplayPage {
  constructor(private readonly page: Page) {}

  async goto(query: Record<string, string>): Promise<void> {
    await this.page.goto(`/replay/new?${new URLSearchParams(query).toString()}`);
  }

  form(): Locator {
    return this.page.getByRole("form", { name: "New replay" });
  }

  section(name: "Source" | "Target" | "Consumer group" | "Projection" | "Mode"): Locator {
    return this.form().getByRole("group", { name, exact: true });
  }

  async dryRun(): Promise<void> {
    await this.form().getByRole("button", { name: "Dry run" }).click();
  }

  plan(): Locator {
    return this.page.getByRole("region", { name: "Dry run" });
  }

  stat(testId: "plan-records" | "plan-matched" | "plan-documents"): Locator {
    return this.page.getByTestId(testId);
  }

  partitionRows(): Locator {
    return this.page.getByTestId("plan-partition-row");
  }

  sampleRows(): Locator {
    return this.page.getByTestId("plan-sample-row");
  }

  /** The projections a rebuild can choose from, one row each. */
  projectionRow(serviceAndName: string): Locator {
    return this.page.getByTestId("projection-row").filter({ has: this.page.getByRole("radio", { name: serviceAndName, exact: true }) });
  }

  planSteps(): Locator {
    return this.page.getByTestId("plan-step");
  }

  warnings(): Locator {
    return this.page.getByRole("region", { name: "Warnings" });
  }

  /** Opens the confirmation dialog and returns it. */
  async start(): Promise<Locator> {
    await this.page.getByRole("button", { name: /^Start (replay|rebuild)…$/ }).click();
    return this.page.getByRole("dialog", { name: /^Start this/ });
  }

  refusal(): Locator {
    return this.page.getByTestId("replay-refusal");
  }
}

/** One job's page. */
export class ReplayJobPage {
  constructor(private readonly page: Page) {}

  state(): Locator {
    return this.page.getByRole("heading", { level: 1 }).getByTestId("replay-state");
  }

  overall(): Locator {
    return this.page.getByRole("progressbar", { name: "Overall progress" });
  }

  done(): Locator {
    return this.page.getByTestId("replay-done");
  }

  partitionRows(): Locator {
    return this.page.getByTestId("replay-partition-row");
  }

  auditRows(): Locator {
    return this.page.getByTestId("audit-row");
  }

  /** A rebuild's recorded steps, in order; each carries its state in `data-state`. */
  steps(): Locator {
    return this.page.getByTestId("replay-step");
  }

  step(name: string): Locator {
    return this.steps().filter({ hasText: name });
  }
}

/** The jobs list. */
export class ReplayListPage {
  constructor(private readonly page: Page) {}

  async goto(state?: string): Promise<void> {
    await this.page.goto(state ? `/replay?state=${state}` : "/replay");
  }

  row(jobId: string): Locator {
    return this.page.getByTestId("replay-job-row").filter({ hasText: jobId });
  }

  filter(label: string): Locator {
    return this.page.getByRole("navigation", { name: "Filter jobs by state" }).getByRole("link", { name: label, exact: true });
  }
}
