import { z } from "zod";
import { topicNameSchema } from "@/lib/schemas/kafka";
import { route } from "@/server/http/route";
import { describeTopic } from "@/server/kafka/topics";

export const dynamic = "force-dynamic";

const params = z.object({ topic: topicNameSchema });

/** GET /api/kafka/topics/:topic — partitions with leader, replicas, ISR and watermarks. */
export const GET = route<{ params: Promise<{ topic: string }> }>("/api/kafka/topics/[topic]", async (_request, context) => {
  const { topic } = params.parse(await context.params);
  return Response.json(await describeTopic(topic));
});
