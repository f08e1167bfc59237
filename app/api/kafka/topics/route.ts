import { handle } from "@/server/http/route";
import { createTopic } from "@/server/kafka/topic-admin";
import { listTopics } from "@/server/kafka/topics";

export const dynamic = "force-dynamic";

/** GET /api/kafka/topics?internal=false&search= — every topic with partitions, replication and retained messages. */
export const GET = handle("GET /api/kafka/topics", async ({ query }) => ({ topics: await listTopics(query) }));

/** POST /api/kafka/topics {name, partitions, replicationFactor, configs} — 201 with the new topic; 409 when it exists. */
export const POST = handle("POST /api/kafka/topics", ({ body }) => createTopic(body));
