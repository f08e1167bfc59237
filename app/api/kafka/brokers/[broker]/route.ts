import { brokerParams as params } from "@/lib/schemas/kafka";
import { route } from "@/server/http/route";
import { describeBroker } from "@/server/kafka/brokers";

export const dynamic = "force-dynamic";

/** GET /api/kafka/brokers/:id — the broker, its log directories with sizes per topic, and its configs. */
export const GET = route<{ params: Promise<{ broker: string }> }>("/api/kafka/brokers/[broker]", async (_request, context) => {
  const { broker } = params.parse(await context.params);
  return Response.json(await describeBroker(broker));
});
