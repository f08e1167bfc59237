import { groupParams as params } from "@/lib/schemas/kafka";
import { route } from "@/server/http/route";
import { fetchConsumerGroupDetail } from "@/server/kafka/group-detail";

export const dynamic = "force-dynamic";

/** GET /api/kafka/groups/:group — state, members with their assignments, lag per partition in messages and seconds. */
export const GET = route<{ params: Promise<{ group: string }> }>("/api/kafka/groups/[group]", async (_request, context) => {
  const { group } = params.parse(await context.params);
  return Response.json(await fetchConsumerGroupDetail(group));
});
