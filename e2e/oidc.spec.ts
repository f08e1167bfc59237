import { spawn, type ChildProcess } from "node:child_process";
import type { Server } from "node:net";
import { join } from "node:path";
import Provider from "oidc-provider";
import { expect, test } from "./fixtures";
import { freePort } from "../test/support/ports";

// A real OpenID Connect provider (oidc-provider, with its development login form) and a second
// console signing in through it; the rest of the suite uses local users.
test.use({ storageState: { cookies: [], origins: [] } });

let provider: Server | undefined;
let consoleProcess: ChildProcess | undefined;
let consoleUrl = "";

test.beforeAll(async () => {
  const [providerPort, consolePort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${providerPort}`;
  consoleUrl = `http://127.0.0.1:${consolePort}`;
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: "eventdeck",
        client_secret: "e2e client secret",
        redirect_uris: [`${consoleUrl}/api/auth/oidc/callback`],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    // Anyone may sign in at the development form; the role comes from the name.
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, preferred_username: id, eventdeck_role: id.includes("operator") ? "operator" : "nobody" }),
    }),
    claims: { openid: ["sub"], profile: ["preferred_username", "eventdeck_role"] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ["an e2e provider cookie key"] },
  });
  provider = oidc.listen(providerPort);
  consoleProcess = spawn("npx", ["next", "start", "-p", String(consolePort)], {
    cwd: join(import.meta.dirname, ".."),
    env: {
      ...process.env,
      AUTH: "oidc",
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: "eventdeck",
      OIDC_CLIENT_SECRET: "e2e client secret",
      OIDC_DEFAULT_ROLE: "none",
      SESSION_SECRET: "the oidc e2e console's session secret",
      REPLAY_WORKER: "off",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${consoleUrl}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the OIDC console did not start");
});

test.afterAll(async () => {
  if (consoleProcess?.pid) process.kill(-consoleProcess.pid, "SIGTERM");
  await new Promise((resolve) => (provider ? provider.close(resolve) : resolve(undefined)));
});

async function signInAtProvider(page: import("@playwright/test").Page, login: string) {
  await page.getByRole("link", { name: "Sign in with your identity provider" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  // The development provider asks for consent once per client.
  const consent = page.getByRole("button", { name: /continue/i });
  if (await consent.isVisible({ timeout: 3_000 }).catch(() => false)) await consent.click();
}

test("signs in through the identity provider, with the role its claim names, and back to the page it started from", async ({ page, snap }) => {
  await page.goto(`${consoleUrl}/kafka/topics?q=orders`);
  await expect(page.getByRole("heading", { name: "Sign in to Eventdeck" })).toBeVisible();
  await snap("sign-in-oidc");
  await signInAtProvider(page, "oidc-operator");
  await expect(page).toHaveURL(`${consoleUrl}/kafka/topics?q=orders`);
  await expect(page.getByText("oidc-operator")).toBeVisible();
  await expect(page.getByText("operator", { exact: true })).toBeVisible();
  const session = await (await page.request.get(`${consoleUrl}/api/auth/session`)).json();
  expect(session).toMatchObject({ user: { name: "oidc-operator", role: "operator" }, auth: "oidc" });
  // An operator may not delete topics.
  const refused = await page.request.delete(`${consoleUrl}/api/kafka/topics/any-topic?confirm=any-topic`, { headers: { "x-eventdeck-csrf": "1" } });
  expect(refused.status()).toBe(403);
});

test("refuses a user whose claims name no role, and says why", async ({ page }) => {
  await page.goto(`${consoleUrl}/`);
  await signInAtProvider(page, "oidc-stranger");
  await expect(page.getByRole("alert").filter({ hasText: "has no Eventdeck role" })).toBeVisible();
  expect((await (await page.request.get(`${consoleUrl}/api/auth/session`)).json()).user).toBeNull();
});
