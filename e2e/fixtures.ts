import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const screenshotDir = join(import.meta.dirname, "screenshots");

/** Runs the project's stack CLI (`npm run stack -- …`) and returns its output. */
export function stack(...args: string[]): string {
  return execFileSync("npx", ["tsx", join(import.meta.dirname, "..", "stack", "cli.ts"), ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export const prometheusUrl = `http://127.0.0.1:${process.env.EVENTDECK_PROMETHEUS_PORT ?? 19090}`;

export const test = base.extend<{ snap: (name: string) => Promise<void>; expectAccessible: () => Promise<void> }>({
  snap: async ({ page }, use) => {
    mkdirSync(screenshotDir, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
    });
  },
  expectAccessible: async ({ page }, use) => {
    await use(async () => {
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
    });
  },
});

export { expect, type Page };
