import { handle } from "@/server/http/route";
import { deleteTopic } from "@/server/kafka/topic-admin";
import { describeTopic } from "@/server/kafka/topics";

export const dynamic = "force-dynamic";

/** GET /api/kafka/topics/:topic — partitions with leader, replicas, ISR and watermarks. */
export const GET = handle("GET /api/kafka/topics/[topic]", ({ params }) => describeTopic(params.topic));

/** DELETE /api/kafka/topics/:topic with `confirm` (body or query) equal to the topic's name. */
export const DELETE = handle("DELETE /api/kafka/topics/[topic]", ({ params, body }) => deleteTopic(params.topic, body.confirm));
