import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReplayJob } from "@/lib/schemas/replay";
import { followReplayJob, type ReplayStreamStatus } from "./replay";

const fetchMock = vi.fn<typeof fetch>();
vi.stubGlobal("fetch", fetchMock);
afterEach(() => fetchMock.mockReset());

const job = (state: ReplayJob["state"]) => ({ id: "j1", state }) as ReplayJob;
const events = (...jobs: ReplayJob[]) =>
  new Response(jobs.map((j) => `event: job\ndata: ${JSON.stringify(j)}\n\n`).join(""), { headers: { "content-type": "text/event-stream" } });
const refusal = (status: number) => Response.json({ error: { code: "NOT_FOUND", message: "No job j1" } }, { status });

/** Follows the stream with a 5 ms reconnect, recording every job and status; aborts once a job reaches `finishOn`. */
function follow(finishOn?: ReplayJob["state"]) {
  const controller = new AbortController();
  const statuses: ReplayStreamStatus[] = [];
  const jobs: string[] = [];
  const done = followReplayJob(
    "j1",
    {
      status: (s) => statuses.push(s),
      job: (j) => {
        jobs.push(j.state);
        if (j.state === finishOn) controller.abort();
      },
    },
    controller.signal,
    5,
  );
  return { controller, statuses, jobs, done };
}

describe("followReplayJob", () => {
  it("opens the stream again after it ends or drops, and gives up once the server refuses it", async () => {
    fetchMock
      .mockResolvedValueOnce(events(job("running")))
      .mockRejectedValueOnce(new TypeError("Failed to fetch"))
      .mockResolvedValueOnce(events(job("paused")))
      .mockResolvedValueOnce(refusal(404));
    const run = follow();
    await run.done;
    expect(fetchMock).toHaveBeenCalledTimes(4);
    expect(fetchMock.mock.calls[0]![0]).toBe("/api/replay/jobs/j1/events");
    expect(run.jobs).toEqual(["running", "paused"]);
    expect(run.statuses).toEqual(["live", "live", "connecting", "connecting", "live", "live", "connecting", "unavailable"]);
  });

  it("ends without reconnecting once the caller aborts on a finished job", async () => {
    fetchMock.mockResolvedValueOnce(events(job("running"), job("completed")));
    const run = follow("completed");
    await run.done;
    expect(fetchMock).toHaveBeenCalledOnce();
    expect(run.jobs).toEqual(["running", "completed"]);
    expect(run.statuses.at(-1)).toBe("live");
  });

  it("stops waiting to reconnect when aborted", async () => {
    fetchMock.mockResolvedValue(events());
    const controller = new AbortController();
    const statuses: ReplayStreamStatus[] = [];
    const done = followReplayJob("j1", { status: (s) => statuses.push(s), job: () => undefined }, controller.signal, 60_000);
    await vi.waitFor(() => expect(statuses).toContain("connecting"));
    controller.abort();
    await done;
    expect(fetchMock).toHaveBeenCalledOnce();
  });
});
