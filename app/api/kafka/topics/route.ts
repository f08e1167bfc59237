import { topicListQuerySchema } from "@/lib/schemas/kafka";
import { route } from "@/server/http/route";
import { listTopics } from "@/server/kafka/topics";

export const dynamic = "force-dynamic";

/** GET /api/kafka/topics?internal=false&search= — every topic with partitions, replication and retained messages. */
export const GET = route("/api/kafka/topics", async (request) => {
  const query = topicListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ topics: await listTopics(query) });
});
