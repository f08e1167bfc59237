import { handle } from "@/server/http/route";
import { describeBroker } from "@/server/kafka/brokers";

export const dynamic = "force-dynamic";

/** GET /api/kafka/brokers/:id — the broker, its log directories with sizes per topic, and its configs. */
export const GET = handle("GET /api/kafka/brokers/[broker]", ({ params }) => describeBroker(params.broker));
