import { z } from "zod";
import { roles, type SessionInfo, type SessionUser } from "@/lib/schemas/auth";
import type { SettingView } from "@/lib/schemas/settings";
import { describes } from "./describes";

// Zod schemas of what the sign-in and settings routes answer, for the OpenAPI document only.

const sessionUser = describes<SessionUser>()(z.object({ name: z.string(), role: z.enum(roles) }));

export const signInResult = z.object({ user: sessionUser });

export const sessionInfo = describes<SessionInfo>()(z.object({ user: sessionUser.nullable(), auth: z.enum(["local", "oidc", "off"]), readOnly: z.boolean() }));

export const settingsList = z.object({
  settings: z.array(
    describes<SettingView>()(
      z.object({ name: z.string(), value: z.string().nullable(), source: z.enum(["environment", "file", "default"]), secret: z.boolean() }),
    ),
  ),
});
