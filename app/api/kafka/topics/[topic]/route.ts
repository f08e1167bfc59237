import { z } from "zod";
import { topicNameSchema } from "@/lib/schemas/kafka";
import { deleteTopicSchema } from "@/lib/schemas/kafka-topic-admin";
import { AppError } from "@/server/http/errors";
import { route } from "@/server/http/route";
import { assertSameOrigin } from "@/server/http/same-origin";
import { deleteTopic } from "@/server/kafka/topic-admin";
import { describeTopic } from "@/server/kafka/topics";

export const dynamic = "force-dynamic";

const params = z.object({ topic: topicNameSchema });

/** GET /api/kafka/topics/:topic — partitions with leader, replicas, ISR and watermarks. */
export const GET = route<{ params: Promise<{ topic: string }> }>("/api/kafka/topics/[topic]", async (_request, context) => {
  const { topic } = params.parse(await context.params);
  return Response.json(await describeTopic(topic));
});

/** DELETE /api/kafka/topics/:topic with `confirm` (body or query) equal to the topic's name. */
export const DELETE = route<{ params: Promise<{ topic: string }> }>("/api/kafka/topics/[topic]", async (request, context) => {
  assertSameOrigin(request);
  const { topic } = params.parse(await context.params);
  const text = await request.text();
  let body: unknown = {};
  try {
    if (text.trim()) body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The body must be JSON", 400);
  }
  const fromQuery = new URL(request.url).searchParams.get("confirm");
  const { confirm } = deleteTopicSchema.parse(fromQuery === null ? body : { confirm: fromQuery });
  return Response.json(await deleteTopic(topic, confirm));
});
