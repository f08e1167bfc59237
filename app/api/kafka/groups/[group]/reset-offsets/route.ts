import { groupParams as params, resetOffsetsSchema } from "@/lib/schemas/kafka";
import { readJsonBody, route } from "@/server/http/route";
import { resetConsumerGroupOffsets } from "@/server/kafka/reset-offsets";

export const dynamic = "force-dynamic";

/** POST /api/kafka/groups/:group/reset-offsets — dry run by default; `"dryRun": false` writes. */
export const POST = route<{ params: Promise<{ group: string }> }>("/api/kafka/groups/[group]/reset-offsets", async (request, context) => {
  const { group } = params.parse(await context.params);
  const body = await readJsonBody(request);
  return Response.json(await resetConsumerGroupOffsets(group, resetOffsetsSchema.parse(body)));
});
