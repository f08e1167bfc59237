import { topicParams as params } from "@/lib/schemas/kafka";
import { addPartitionsSchema } from "@/lib/schemas/kafka-topic-admin";
import { readJsonBody, route } from "@/server/http/route";
import { addPartitions } from "@/server/kafka/topic-admin";

export const dynamic = "force-dynamic";

/** POST /api/kafka/topics/:topic/partitions {count} — raises the partition count to `count`. */
export const POST = route<{ params: Promise<{ topic: string }> }>("/api/kafka/topics/[topic]/partitions", async (request, context) => {
  const { topic } = params.parse(await context.params);
  const body = await readJsonBody(request);
  return Response.json(await addPartitions(topic, addPartitionsSchema.parse(body).count));
});
