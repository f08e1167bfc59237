import "server-only";
import { readFile } from "node:fs/promises";
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import { roles, usernameSchema, type SessionUser } from "@/lib/schemas/auth";
import { getConfig } from "../config";

export const usersFileSchema = z.object({
  users: z.array(
    z.object({
      username: usernameSchema,
      role: z.enum(roles),
      passwordHash: z.string().startsWith("$argon2", "must be an argon2 hash (npm run user -- hash)"),
    }),
  ),
});
export type UsersFile = z.infer<typeof usersFileSchema>;

/** The users file, read on every sign-in so added users need no restart; a missing file means no users. */
export async function readUsers(path = getConfig().AUTH_USERS_FILE): Promise<UsersFile["users"]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const parsed = usersFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data.users;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this when the user does not exist takes as long as a real check: no timing hint.
let decoy: Promise<string> | null = null;

/** The user if the password is right; null otherwise (unknown user or wrong password, indistinguishably). */
export async function checkPassword(username: string, password: string): Promise<SessionUser | null> {
  const user = (await readUsers()).find((u) => u.username === username);
  decoy ??= hash("decoy password");
  const ok = await verify(user?.passwordHash ?? (await decoy), password).catch(() => false);
  return user && ok ? { name: user.username, role: user.role } : null;
}
