import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fetchJson, sendJson } from "@/lib/api/fetch-json";
import type { AuditEntry } from "@/lib/schemas/audit";
import {
  finishedStates,
  type ProjectionInfo,
  type ReplayJob,
  type ReplayJobAction,
  type ReplayJobState,
  type ReplayPlan,
  type ReplaySpec,
} from "@/lib/schemas/replay";

/**
 * The jobs list polls; one job's page gets its progress over SSE, polls only as a fallback,
 * and refetches its audit records every 10 s while the job is not finished. The projections
 * services expose are asked for every 10 s (a shadow build appears and goes).
 */
export const replayPollIntervals = { jobs: 3_000, jobFallback: 5_000, audit: 10_000, projections: 10_000 } as const;

export const replayKeys = {
  all: ["replay"] as const,
  jobs: (filters: { state?: ReplayJobState }) => [...replayKeys.all, "jobs", "list", filters] as const,
  job: (id: string) => [...replayKeys.all, "jobs", "detail", id] as const,
  projections: () => [...replayKeys.all, "projections"] as const,
};

export interface ReplayJobDetail {
  job: ReplayJob;
  audit: AuditEntry[];
}

const jobUrl = (id: string) => `/api/replay/jobs/${encodeURIComponent(id)}`;

const post = <T>(url: string, body?: unknown): Promise<T> => sendJson<T>(url, "POST", body ?? {});

/** The dry run: what a replay would read, match and write. Nothing is written. */
export function usePlanReplay() {
  return useMutation({ mutationFn: (spec: ReplaySpec) => post<ReplayPlan>("/api/replay/plan", spec) });
}

/** Puts a job in the detail cache and refetches the lists around it. */
function storeJob(queryClient: QueryClient, job: ReplayJob) {
  queryClient.setQueryData<ReplayJobDetail>(replayKeys.job(job.id), (old) => (old ? { ...old, job } : old));
  void queryClient.invalidateQueries({ queryKey: [...replayKeys.all, "jobs", "list"] });
}

/** Starts a replay: the server refuses (404, 400, 409) what the dry run warned about. */
export function useCreateReplayJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (spec: ReplaySpec) => post<{ job: ReplayJob }>("/api/replay/jobs", { spec, confirm: true }),
    onSuccess: ({ job }) => {
      queryClient.setQueryData<ReplayJobDetail>(replayKeys.job(job.id), { job, audit: [] });
      void queryClient.invalidateQueries({ queryKey: replayKeys.job(job.id) });
      void queryClient.invalidateQueries({ queryKey: [...replayKeys.all, "jobs", "list"] });
      // A rebuild starts a shadow build or empties a read model: the projections list changes.
      if (job.kind === "rebuild") void queryClient.invalidateQueries({ queryKey: replayKeys.projections() });
    },
  });
}

/** GET /api/projections: what can be rebuilt, and the services that did not answer (with why). */
export interface ProjectionList {
  projections: ProjectionInfo[];
  unavailable: Array<{ service: string; message: string }>;
}

export const projectionsOptions = () =>
  queryOptions({
    queryKey: replayKeys.projections(),
    queryFn: () => fetchJson<ProjectionList>("/api/projections"),
    refetchInterval: replayPollIntervals.projections,
  });

/** The rebuildable projections of the console's services; asked only while `enabled` (the rebuild form, a rebuild job). */
export const useProjections = (enabled = true) => useQuery({ ...projectionsOptions(), enabled });

export const replayJobsOptions = (filters: { state?: ReplayJobState; limit?: number }) =>
  queryOptions({
    queryKey: replayKeys.jobs({ state: filters.state }),
    queryFn: () => {
      const query = new URLSearchParams();
      if (filters.state) query.set("state", filters.state);
      if (filters.limit) query.set("limit", String(filters.limit));
      const text = query.toString();
      return fetchJson<{ jobs: ReplayJob[] }>(`/api/replay/jobs${text ? `?${text}` : ""}`);
    },
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
    queryFn: () => fetchJson<ReplayJobDetail>(jobUrl(id)),
  });

export const useReplayJob = (id: string) => useQuery(replayJobOptions(id));

export type ReplayStreamStatus = "connecting" | "live" | "ended" | "unavailable";

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
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource(`${jobUrl(id)}/events`);
    let finished = false;
    let lastState: ReplayJob["state"] | null = null;
    const refetch = () => void queryClient.invalidateQueries({ queryKey: replayKeys.job(id) });
    let poll = setInterval(refetch, replayPollIntervals.audit);
    const end = () => {
      finished = true;
      source.close();
      clearInterval(poll);
      setStatus("ended");
      refetch();
    };
    source.onopen = () => setStatus("live");
    source.addEventListener("job", (event) => {
      const job = JSON.parse((event as MessageEvent<string>).data) as ReplayJob;
      setStatus("live");
      storeJob(queryClient, job);
      if (finishedStates.has(job.state)) end();
      // A new state comes with new audit records (pause, resume, rewind): fetch them now.
      else if (lastState !== null && job.state !== lastState) refetch();
      lastState = job.state;
    });
    source.onerror = () => {
      if (finished) return;
      // EventSource reconnects by itself after a dropped connection; it gives up (CLOSED) on a 4xx/5xx answer.
      if (source.readyState === EventSource.CLOSED) {
        setStatus("unavailable");
        refetch();
        clearInterval(poll);
        poll = setInterval(refetch, replayPollIntervals.jobFallback);
      } else setStatus("connecting");
    };
    return () => {
      finished = true;
      source.close();
      clearInterval(poll);
    };
  }, [id, enabled, queryClient]);

  return enabled ? status : "ended";
}

/** Pause, resume or cancel a job; the answer is the job in its new state. */
export function useReplayJobAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ReplayJobAction) => post<{ job: ReplayJob }>(`${jobUrl(id)}/${action}`),
    onSuccess: ({ job }) => {
      storeJob(queryClient, job);
      void queryClient.invalidateQueries({ queryKey: replayKeys.job(id) });
    },
  });
}
