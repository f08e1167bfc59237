import { topicParams as params } from "@/lib/schemas/kafka";
import { purgeTopicSchema } from "@/lib/schemas/kafka-topic-admin";
import { readJsonBody, route } from "@/server/http/route";
import { purgeTopic } from "@/server/kafka/topic-admin";

export const dynamic = "force-dynamic";

/** POST /api/kafka/topics/:topic/purge {offsets?, dryRun} — dry run by default: how many messages each partition would lose. */
export const POST = route<{ params: Promise<{ topic: string }> }>("/api/kafka/topics/[topic]/purge", async (request, context) => {
  const { topic } = params.parse(await context.params);
  const body = await readJsonBody(request);
  return Response.json(await purgeTopic(topic, purgeTopicSchema.parse(body)));
});
