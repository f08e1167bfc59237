import { handle } from "@/server/http/route";
import { addPartitions } from "@/server/kafka/topic-admin";

export const dynamic = "force-dynamic";

/** POST /api/kafka/topics/:topic/partitions {count} — raises the partition count to `count`. */
export const POST = handle("POST /api/kafka/topics/[topic]/partitions", ({ params, body }) => addPartitions(params.topic, body.count));
