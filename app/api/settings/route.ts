import { handle } from "@/server/http/route";
import { describeSettings } from "@/server/settings";

export const dynamic = "force-dynamic";

/** GET /api/settings — the effective configuration (admins only), secrets redacted. */
export const GET = handle("GET /api/settings", async () => ({ settings: describeSettings() }));
