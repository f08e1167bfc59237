import { defineConfig } from "@playwright/test";
import { adminState, e2eUsersFile, writeE2eUsers } from "./e2e/users";

// The console under test signs in local users (the default); the users are made for this run.
writeE2eUsers();

const port = Number(process.env.PORT ?? 3000);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  forbidOnly: !!process.env.CI,
  // One retry on CI, so that the report holds both tries of a failure; a test that passes only on
  // its retry still fails `npm test` (scripts/test.mjs counts it as failed and names it as flaky).
  retries: process.env.CI ? 1 : 0,
  // One stack, one console: tests that stop a backend must not race others.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "console", dependencies: ["setup"], testIgnore: /auth\.setup\.ts/, use: { storageState: adminState } },
  ],
  webServer: {
    command: "npx next start",
    url: `${baseURL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    env: {
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH: "local",
      AUTH_USERS_FILE: e2eUsersFile,
      SESSION_SECRET: "the e2e console's session secret, for tests only",
    },
  },
});
