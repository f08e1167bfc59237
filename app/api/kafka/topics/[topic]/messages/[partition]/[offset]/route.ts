import { messageParams as params } from "@/lib/schemas/kafka-messages";
import { route } from "@/server/http/route";
import { readMessage } from "@/server/kafka/messages";

export const dynamic = "force-dynamic";

/** GET /api/kafka/topics/:topic/messages/:partition/:offset — one message with its payloads whole. */
export const GET = route<{ params: Promise<{ topic: string; partition: string; offset: string }> }>(
  "/api/kafka/topics/[topic]/messages/[partition]/[offset]",
  async (_request, context) => {
    const { topic, partition, offset } = params.parse(await context.params);
    return Response.json(await readMessage(topic, partition, offset), { headers: { "cache-control": "no-store" } });
  },
);
