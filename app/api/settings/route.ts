import { route } from "@/server/http/route";
import { describeSettings } from "@/server/settings";

export const dynamic = "force-dynamic";

/** GET /api/settings — the effective configuration (admins only), secrets redacted. */
export const GET = route("/api/settings", async () => Response.json({ settings: describeSettings() }, { headers: { "cache-control": "no-store" } }));
