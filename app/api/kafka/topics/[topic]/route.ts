import { topicParams as params } from "@/lib/schemas/kafka";
import { deleteTopicSchema } from "@/lib/schemas/kafka-topic-admin";
import { readConfirmation, route } from "@/server/http/route";
import { deleteTopic } from "@/server/kafka/topic-admin";
import { describeTopic } from "@/server/kafka/topics";

export const dynamic = "force-dynamic";

/** GET /api/kafka/topics/:topic — partitions with leader, replicas, ISR and watermarks. */
export const GET = route<{ params: Promise<{ topic: string }> }>("/api/kafka/topics/[topic]", async (_request, context) => {
  const { topic } = params.parse(await context.params);
  return Response.json(await describeTopic(topic));
});

/** DELETE /api/kafka/topics/:topic with `confirm` (body or query) equal to the topic's name. */
export const DELETE = route<{ params: Promise<{ topic: string }> }>("/api/kafka/topics/[topic]", async (request, context) => {
  const { topic } = params.parse(await context.params);
  const { confirm } = deleteTopicSchema.parse(await readConfirmation(request));
  return Response.json(await deleteTopic(topic, confirm));
});
