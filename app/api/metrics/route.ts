import { handle } from "@/server/http/route";
import { registerLagMetrics } from "@/server/kafka/lag-metrics";
import { getConsoleMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

/** The console's own metrics in the Prometheus text format. */
export const GET = handle("GET /api/metrics", async () => {
  registerLagMetrics();
  const { registry } = getConsoleMetrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
});
