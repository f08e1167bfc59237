import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { apiCall, apiEvents } from "@/lib/api/client";
import { ApiError } from "@/lib/api/fetch-json";
import { finishedStates, type ReplayJob, type ReplayJobAction, type ReplayJobState, type ReplaySpec } from "@/lib/schemas/replay";

/**
 * The jobs list polls; one job's page gets its progress over SSE, polls only as a fallback,
 * and refetches its audit records every 10 s while the job is not finished. The projections
 * services expose are asked for every 10 s (a shadow build appears and goes).
 */
export const replayPollIntervals = { jobs: 3_000, jobFallback: 5_000, audit: 10_000, projections: 10_000 } as const;

export const replayKeys = {
  all: ["replay"] as const,
  jobLists: () => [...replayKeys.all, "jobs", "list"] as const,
  jobs: (filters: { state?: ReplayJobState }) => [...replayKeys.jobLists(), filters] as const,
  job: (id: string) => [...replayKeys.all, "jobs", "detail", id] as const,
  projections: () => [...replayKeys.all, "projections"] as const,
};

/** The dry run: what a replay would read, match and write. Nothing is written. */
export function usePlanReplay() {
  return useMutation({ mutationFn: (spec: ReplaySpec) => apiCall("POST /api/replay/plan", { body: spec }) });
}

/** Puts a job in the detail cache and refetches the lists around it. */
function storeJob(queryClient: QueryClient, job: ReplayJob) {
  queryClient.setQueryData(replayJobOptions(job.id).queryKey, (old) => (old ? { ...old, job } : old));
  void queryClient.invalidateQueries({ queryKey: replayKeys.jobLists() });
}

/** Starts a replay: the server refuses (404, 400, 409) what the dry run warned about. */
export function useCreateReplayJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (spec: ReplaySpec) => apiCall("POST /api/replay/jobs", { body: { spec, confirm: true } }),
    onSuccess: ({ job }) => {
      queryClient.setQueryData(replayJobOptions(job.id).queryKey, { job, audit: [] });
      void queryClient.invalidateQueries({ queryKey: replayKeys.job(job.id) });
      void queryClient.invalidateQueries({ queryKey: replayKeys.jobLists() });
      // A rebuild starts a shadow build or empties a read model: the projections list changes.
      if (job.kind === "rebuild") void queryClient.invalidateQueries({ queryKey: replayKeys.projections() });
    },
  });
}

/** What can be rebuilt, and the services that did not answer (with why). */
export const projectionsOptions = () =>
  queryOptions({
    queryKey: replayKeys.projections(),
    queryFn: () => apiCall("GET /api/projections"),
    refetchInterval: replayPollIntervals.projections,
  });

/** The rebuildable projections of the console's services; asked only while `enabled` (the rebuild form, a rebuild job). */
export const useProjections = (enabled = true) => useQuery({ ...projectionsOptions(), enabled });

export const replayJobsOptions = (filters: { state?: ReplayJobState; limit?: number }) =>
  queryOptions({
    queryKey: replayKeys.jobs({ state: filters.state }),
    queryFn: () => apiCall("GET /api/replay/jobs", { query: { state: filters.state, limit: filters.limit ? String(filters.limit) : undefined } }),
    refetchInterval: replayPollIntervals.jobs,
    placeholderData: keepPreviousData,
  });

export const useReplayJobs = (filters: { state?: ReplayJobState }) => useQuery(replayJobsOptions(filters));

/**
 * One job and its audit records. No refetchInterval: every update from the event stream would
 * restart its timer; useReplayJobEvents schedules the refetches instead.
 */
export const replayJobOptions = (id: string) =>
  queryOptions({
    queryKey: replayKeys.job(id),
    queryFn: () => apiCall("GET /api/replay/jobs/[id]", { params: { id } }),
  });

export const useReplayJob = (id: string) => useQuery(replayJobOptions(id));

export type ReplayStreamStatus = "connecting" | "live" | "ended" | "unavailable";

/** Resolves after `ms`, or at once when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });

/**
 * Reads one job's event stream until `signal` aborts, as EventSource would: "live" once it is
 * open, each job to `onJob`; a stream that ends or drops is opened again after `reconnectMs`
 * ("connecting" meanwhile). An error answer (the job is gone, the console's backend is down) is
 * final: "unavailable", and the caller polls instead.
 */
export async function followReplayJob(
  id: string,
  on: { status: (status: ReplayStreamStatus) => void; job: (job: ReplayJob) => void },
  signal: AbortSignal,
  reconnectMs = 1_000,
): Promise<void> {
  while (!signal.aborted) {
    let failure: unknown;
    try {
      await apiEvents(
        "GET /api/replay/jobs/[id]/events",
        { params: { id } },
        ({ data }) => {
          on.status("live");
          on.job(data);
        },
        { signal, onOpen: () => on.status("live") },
      );
    } catch (error) {
      failure = error;
    }
    if (signal.aborted) return;
    if (failure instanceof ApiError && failure.status >= 400) return on.status("unavailable");
    on.status("connecting");
    await pause(reconnectMs, signal);
  }
}

/**
 * Follows one job over server-sent events (`event: job`, a ReplayJob each time it changes) and
 * writes each update into the job's query cache. The server ends the stream once the job is
 * finished; the job is then fetched once more for the audit entries its end wrote. Meanwhile the
 * job (with its audit) is fetched on each change of state and every 10 s; when the stream
 * cannot be had at all, every 5 s instead.
 */
export function useReplayJobEvents(id: string, enabled: boolean): ReplayStreamStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ReplayStreamStatus>("connecting");

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let lastState: ReplayJob["state"] | null = null;
    const refetch = () => void queryClient.invalidateQueries({ queryKey: replayKeys.job(id) });
    let poll = setInterval(refetch, replayPollIntervals.audit);
    const onStatus = (next: ReplayStreamStatus) => {
      setStatus(next);
      if (next !== "unavailable") return;
      refetch();
      clearInterval(poll);
      poll = setInterval(refetch, replayPollIntervals.jobFallback);
    };
    const onJob = (job: ReplayJob) => {
      storeJob(queryClient, job);
      if (finishedStates.has(job.state)) {
        controller.abort();
        clearInterval(poll);
        setStatus("ended");
        refetch();
      }
      // A new state comes with new audit records (pause, resume, rewind): fetch them now.
      else if (lastState !== null && job.state !== lastState) refetch();
      lastState = job.state;
    };
    void followReplayJob(id, { status: onStatus, job: onJob }, controller.signal);
    return () => {
      controller.abort();
      clearInterval(poll);
    };
  }, [id, enabled, queryClient]);

  return enabled ? status : "ended";
}

/** Pause, resume or cancel a job; the answer is the job in its new state. */
export function useReplayJobAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ReplayJobAction) => apiCall("POST /api/replay/jobs/[id]/[action]", { params: { id, action } }),
    onSuccess: ({ job }) => {
      storeJob(queryClient, job);
      void queryClient.invalidateQueries({ queryKey: replayKeys.job(id) });
    },
  });
}
