import { checkHealth } from "@/server/health";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Health of Kafka, MongoDB and Prometheus; always 200 — a down backend is data, not an error. */
export const GET = route("/api/health", async () => {
  return Response.json(await checkHealth(), { headers: { "cache-control": "no-store" } });
});
