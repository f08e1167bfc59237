import { finishedStates, type ReplayJob } from "@/lib/schemas/replay";
import { handle } from "@/server/http/route";
import { getReplayJob } from "@/server/replay/jobs";

export const dynamic = "force-dynamic";

const encoder = new TextEncoder();
const pollMs = 500;

/**
 * GET /api/replay/jobs/:id/events — server-sent events: `job` with the whole job each time it
 * changes (read from the jobs collection, so it works whichever console runs the job), ending
 * once the job is completed, cancelled or failed. A 404 is answered as JSON before the stream.
 */
export const GET = handle("GET /api/replay/jobs/[id]/events", async ({ request, params: { id } }) => {
  let last = JSON.stringify(await getReplayJob(id));
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (request.signal.aborted) return controller.close();
        if (!first) await new Promise((resolve) => setTimeout(resolve, pollMs));
        let text = last;
        if (!first) {
          try {
            text = JSON.stringify(await getReplayJob(id));
          } catch {
            continue; // MongoDB briefly away: the page keeps its last state and the stream goes on.
          }
        }
        if (first || text !== last) {
          first = false;
          last = text;
          controller.enqueue(encoder.encode(`event: job\ndata: ${text}\n\n`));
          if (finishedStates.has((JSON.parse(text) as ReplayJob).state)) controller.close();
          return;
        }
      }
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" } });
});
