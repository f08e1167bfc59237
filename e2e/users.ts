import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashSync } from "@node-rs/argon2";

/** The console the e2e tests start signs in local users from this file (made fresh each run). */
export const e2eUsersFile = join(import.meta.dirname, "..", "test-results", "e2e-users.json");
export const adminState = join(import.meta.dirname, "..", "test-results", "e2e-admin.json");

/** Test-only users of the test-only console; nothing else reads this file. */
export const e2eUsers = {
  admin: { username: "e2e-admin", password: "e2e admin password" },
  operator: { username: "e2e-operator", password: "e2e operator password" },
  viewer: { username: "e2e-viewer", password: "e2e viewer password" },
} as const;

export function writeE2eUsers(): void {
  mkdirSync(join(e2eUsersFile, ".."), { recursive: true });
  const users = Object.entries(e2eUsers).map(([role, { username, password }]) => ({ username, role, passwordHash: hashSync(password) }));
  writeFileSync(e2eUsersFile, JSON.stringify({ users }));
}
