import { handle } from "@/server/http/route";
import { alterTopicConfigs, describeTopicConfigs } from "@/server/kafka/topic-admin";

export const dynamic = "force-dynamic";

/** GET /api/kafka/topics/:topic/configs — every config with its value, source and whether it is read-only; sensitive values redacted. */
export const GET = handle("GET /api/kafka/topics/[topic]/configs", ({ params }) => describeTopicConfigs(params.topic));

/** PATCH /api/kafka/topics/:topic/configs {set, remove} — changes only the named overrides. */
export const PATCH = handle("PATCH /api/kafka/topics/[topic]/configs", ({ params, body }) => alterTopicConfigs(params.topic, body));
