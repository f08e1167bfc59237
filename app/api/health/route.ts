import { checkHealth } from "@/server/health";
import { handle } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Health of Kafka, MongoDB and Prometheus; always 200 — a down backend is data, not an error. */
export const GET = handle("GET /api/health", () => checkHealth());
