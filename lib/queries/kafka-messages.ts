import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { apiCall, apiEvents } from "@/lib/api/client";
import { ApiError } from "@/lib/api/fetch-json";
import { kafkaKeys } from "@/lib/queries/kafka";
import {
  scanLimits,
  startModes,
  type browseQuerySchema,
  type KafkaMessage,
  type ProduceMessageInput,
  type ScanEndReason,
  type StartMode,
  type UnreadableRange,
} from "@/lib/schemas/kafka-messages";

export const kafkaMessageOptions = (topic: string, partition: number, offset: string) =>
  queryOptions({
    queryKey: kafkaKeys.message(topic, partition, offset),
    queryFn: () => apiCall("GET /api/kafka/topics/[topic]/messages/[partition]/[offset]", { params: { topic, partition: String(partition), offset } }),
    // A written message never changes.
    staleTime: Infinity,
  });

export const useKafkaMessage = (topic: string, partition: number, offset: string) => useQuery(kafkaMessageOptions(topic, partition, offset));

/** Writes one message; the topic's counts are refetched afterwards. */
export function useProduceMessage(topic: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProduceMessageInput) => apiCall("POST /api/kafka/topics/[topic]/messages", { params: { topic }, body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: kafkaKeys.topic(topic) }),
  });
}

/** The browser's settings, as they appear in the page's URL and in the API's query. */
export interface BrowseSettings {
  partitions: number[];
  start: StartMode;
  count: number;
  offset: string;
  timestamp: string;
  filter: string;
  maxScan: number;
  maxMatches: number;
}

export const defaultBrowseSettings: BrowseSettings = {
  partitions: [],
  start: "latest",
  count: scanLimits.defaultCount,
  offset: "0",
  timestamp: "",
  filter: "",
  maxScan: scanLimits.defaultMaxScan,
  maxMatches: scanLimits.defaultMaxMatches,
};

function positiveInt(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return raw !== null && Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Reads the settings from a URL query, with defaults for what is missing or malformed (the server checks again). */
export function browseSettingsFrom(params: URLSearchParams): BrowseSettings {
  const start = params.get("start");
  return {
    partitions: (params.get("partitions") ?? "")
      .split(",")
      .filter((p) => /^\d+$/.test(p))
      .map(Number),
    start: startModes.includes(start as StartMode) ? (start as StartMode) : defaultBrowseSettings.start,
    count: positiveInt(params.get("count"), defaultBrowseSettings.count),
    offset: params.get("offset") ?? defaultBrowseSettings.offset,
    timestamp: params.get("timestamp") ?? "",
    filter: params.get("filter") ?? "",
    maxScan: positiveInt(params.get("maxScan"), defaultBrowseSettings.maxScan),
    maxMatches: positiveInt(params.get("maxMatches"), defaultBrowseSettings.maxMatches),
  };
}

/** The API's query for settings: only what differs from the defaults, and only what the start mode uses. */
export function browseQuery(settings: BrowseSettings): Partial<z.input<typeof browseQuerySchema>> {
  const query: Partial<z.input<typeof browseQuerySchema>> = {};
  if (settings.partitions.length > 0) query.partitions = settings.partitions.join(",");
  if (settings.start !== defaultBrowseSettings.start) query.start = settings.start;
  if (settings.start === "latest" && settings.count !== defaultBrowseSettings.count) query.count = String(settings.count);
  if (settings.start === "offset") query.offset = settings.offset;
  if (settings.start === "timestamp") query.timestamp = settings.timestamp;
  if (settings.filter.trim()) query.filter = settings.filter.trim();
  if (settings.maxScan !== defaultBrowseSettings.maxScan) query.maxScan = String(settings.maxScan);
  if (settings.maxMatches !== defaultBrowseSettings.maxMatches) query.maxMatches = String(settings.maxMatches);
  return query;
}

/** The page's URL query for settings: the API's, since the page's URL carries the same names. */
export const browseQueryString = (settings: BrowseSettings): string => new URLSearchParams(browseQuery(settings)).toString();

export interface MessageSearchState {
  status: "idle" | "running" | "done" | "error";
  messages: KafkaMessage[];
  scanned: number;
  matched: number;
  /** Messages in the chosen ranges, and the scan cap: progress runs to the smaller one. */
  total: number;
  maxScan: number;
  reason: ScanEndReason | null;
  error: string | null;
  /** Batches the scan passed over because their records cannot be read. */
  unreadable: UnreadableRange[];
}

const idle: MessageSearchState = { status: "idle", messages: [], scanned: 0, matched: 0, total: 0, maxScan: 0, reason: null, error: null, unreadable: [] };

/**
 * Streams a search from the messages API: matches and the scanned/matched counters
 * arrive as the server reads, batched into at most ~10 renders a second. `stop()`
 * closes the connection, which ends the read on the server too.
 */
export function useMessageSearch(topic: string) {
  const [state, setState] = useState<MessageSearchState>(idle);
  const abort = useRef<AbortController | null>(null);

  const stop = useCallback(() => {
    abort.current?.abort();
    abort.current = null;
    setState((s) => (s.status === "running" ? { ...s, status: "done", reason: "stopped" } : s));
  }, []);

  const run = useCallback(
    async (query: string) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      let current: MessageSearchState = { ...idle, status: "running" };
      setState(current);
      let flushTimer: ReturnType<typeof setTimeout> | null = null;
      const flush = () => {
        flushTimer = null;
        if (!controller.signal.aborted) setState(current);
      };
      const update = (next: MessageSearchState, now = false) => {
        current = next;
        if (now) {
          if (flushTimer) clearTimeout(flushTimer);
          flush();
        } else {
          flushTimer ??= setTimeout(flush, 100);
        }
      };
      try {
        const messages: KafkaMessage[] = [];
        // The page's query string is the API's query (browseQueryString): read back into settings, it is sent as it was built.
        const input = { params: { topic }, query: browseQuery(browseSettingsFrom(new URLSearchParams(query))) };
        await apiEvents(
          "GET /api/kafka/topics/[topic]/messages",
          input,
          ({ event, data }) => {
            if (event === "start") update({ ...current, total: data.total, maxScan: data.maxScan });
            else if (event === "message") {
              messages.push(data.message);
              update({ ...current, messages: [...messages], matched: messages.length });
            } else if (event === "progress") update({ ...current, scanned: data.scanned, matched: data.matched, unreadable: data.unreadable });
            else if (event === "done")
              update(
                {
                  ...current,
                  status: "done",
                  scanned: data.scanned,
                  matched: data.matched,
                  reason: data.reason,
                  unreadable: data.unreadable,
                  messages: [...messages],
                },
                true,
              );
            else update({ ...current, status: "error", error: data.message, messages: [...messages] }, true);
          },
          { signal: controller.signal },
        );
        if (controller.signal.aborted) return;
        if (current.status === "running") update({ ...current, status: "error", error: "The connection closed before the search finished" }, true);
      } catch (error) {
        if (controller.signal.aborted) return;
        const message = error instanceof ApiError ? error.message : "The console's server cannot be reached";
        update({ ...current, status: "error", error: message }, true);
      } finally {
        if (abort.current === controller) abort.current = null;
      }
    },
    [topic],
  );

  useEffect(() => () => abort.current?.abort(), []);
  return { ...state, run, stop };
}
