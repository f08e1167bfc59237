import { topicParams as params } from "@/lib/schemas/kafka";
import { alterTopicConfigsSchema } from "@/lib/schemas/kafka-topic-admin";
import { readJsonBody, route } from "@/server/http/route";
import { alterTopicConfigs, describeTopicConfigs } from "@/server/kafka/topic-admin";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ topic: string }> };

/** GET /api/kafka/topics/:topic/configs — every config with its value, source and whether it is read-only; sensitive values redacted. */
export const GET = route<Context>("/api/kafka/topics/[topic]/configs", async (_request, context) => {
  const { topic } = params.parse(await context.params);
  return Response.json(await describeTopicConfigs(topic));
});

/** PATCH /api/kafka/topics/:topic/configs {set, remove} — changes only the named overrides. */
export const PATCH = route<Context>("/api/kafka/topics/[topic]/configs", async (request, context) => {
  const { topic } = params.parse(await context.params);
  const body = await readJsonBody(request);
  return Response.json(await alterTopicConfigs(topic, alterTopicConfigsSchema.parse(body)));
});
