import { groupParams as params, lagHistoryQuerySchema } from "@/lib/schemas/kafka";
import { route } from "@/server/http/route";
import { fetchLagHistory } from "@/server/kafka/group-detail";

export const dynamic = "force-dynamic";

/** GET /api/kafka/groups/:group/lag-history?range=1h — the group's total lag over time, from Prometheus. */
export const GET = route<{ params: Promise<{ group: string }> }>("/api/kafka/groups/[group]/lag-history", async (request, context) => {
  const { group } = params.parse(await context.params);
  const { range } = lagHistoryQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await fetchLagHistory(group, range));
});
