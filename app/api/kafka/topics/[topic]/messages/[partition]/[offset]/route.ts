import { handle } from "@/server/http/route";
import { readMessage } from "@/server/kafka/messages";

export const dynamic = "force-dynamic";

/** GET /api/kafka/topics/:topic/messages/:partition/:offset — one message with its payloads whole. */
export const GET = handle("GET /api/kafka/topics/[topic]/messages/[partition]/[offset]", ({ params }) =>
  readMessage(params.topic, params.partition, params.offset),
);
