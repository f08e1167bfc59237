import { z } from "zod";

export { csrfHeader, roleAtLeast, roles, type Role, type SessionInfo, type SessionUser } from "@/lib/auth";

export const usernameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, "letters, digits and . _ @ - only");

export const signInSchema = z.object({
  username: usernameSchema,
  password: z.string().min(1, "enter the password").max(1024),
});
