import { getConfig } from "@/server/config";
import { handle } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** GET /api/auth/session — who is signed in (null when nobody), how sign-in works here, and whether the console is read-only. */
export const GET = handle("GET /api/auth/session", async ({ user }) => {
  const config = getConfig();
  return { user, auth: config.AUTH, readOnly: config.READ_ONLY };
});
