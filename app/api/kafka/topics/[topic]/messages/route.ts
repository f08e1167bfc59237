import type { ScanEvent } from "@/lib/schemas/kafka-messages";
import { handle } from "@/server/http/route";
import { toKafkaError } from "@/server/kafka/errors";
import { planScan, scanMessages } from "@/server/kafka/messages";
import { produceMessage } from "@/server/kafka/messages-produce";

export const dynamic = "force-dynamic";

const encoder = new TextEncoder();

function sseEvent(event: ScanEvent): Uint8Array {
  return encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}

/**
 * GET /api/kafka/topics/:topic/messages?partitions=&start=&count=&offset=&timestamp=&filter=&maxScan=&maxMatches=
 * — a server-sent event stream: `start`, then `message` per match and `progress`, then `done`.
 * Bad input and an unknown topic are answered as JSON errors before the stream begins;
 * closing the connection (the page's stop button) ends the read on the broker side too.
 */
export const GET = handle("GET /api/kafka/topics/[topic]/messages", async ({ request, params, query }) => {
  const plan = await planScan(params.topic, query);
  const stop = new AbortController();
  // The request's signal fires when the page goes away (stop button, closed tab); cancel() when the stream is dropped.
  const events = scanMessages(plan, AbortSignal.any([request.signal, stop.signal]));
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) controller.close();
        else controller.enqueue(sseEvent(next.value));
      } catch (error) {
        const { code, message } = toKafkaError(error);
        controller.enqueue(sseEvent({ type: "error", code, message }));
        controller.close();
      }
    },
    async cancel() {
      stop.abort();
      await events.return(undefined);
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" },
  });
});

/** POST /api/kafka/topics/:topic/messages — writes one message: {key, value, valueFormat, headers, partition?}. */
export const POST = handle("POST /api/kafka/topics/[topic]/messages", ({ params, body }) => produceMessage(params.topic, body));
