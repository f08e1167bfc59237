import { handle } from "@/server/http/route";
import { fetchKafkaOverview } from "@/server/kafka/overview";

export const dynamic = "force-dynamic";

/** GET /api/kafka/overview — brokers, partition health and lag of the whole cluster. */
export const GET = handle("GET /api/kafka/overview", () => fetchKafkaOverview());
