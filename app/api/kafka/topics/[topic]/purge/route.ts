import { handle } from "@/server/http/route";
import { purgeTopic } from "@/server/kafka/topic-admin";

export const dynamic = "force-dynamic";

/** POST /api/kafka/topics/:topic/purge {offsets?, dryRun} — dry run by default: how many messages each partition would lose. */
export const POST = handle("POST /api/kafka/topics/[topic]/purge", ({ params, body }) => purgeTopic(params.topic, body));
