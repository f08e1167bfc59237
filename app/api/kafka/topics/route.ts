import { topicListQuerySchema } from "@/lib/schemas/kafka";
import { createTopicSchema } from "@/lib/schemas/kafka-topic-admin";
import { readJsonBody, route } from "@/server/http/route";
import { createTopic } from "@/server/kafka/topic-admin";
import { listTopics } from "@/server/kafka/topics";

export const dynamic = "force-dynamic";

/** GET /api/kafka/topics?internal=false&search= — every topic with partitions, replication and retained messages. */
export const GET = route("/api/kafka/topics", async (request) => {
  const query = topicListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ topics: await listTopics(query) });
});

/** POST /api/kafka/topics {name, partitions, replicationFactor, configs} — 201 with the new topic; 409 when it exists. */
export const POST = route("/api/kafka/topics", async (request) => {
  const body = await readJsonBody(request);
  return Response.json(await createTopic(createTopicSchema.parse(body)), { status: 201 });
});
