import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, fetchJson, sendJson } from "@/lib/api/fetch-json";
import { kafkaKeys } from "@/lib/queries/kafka";
import {
  scanLimits,
  startModes,
  type KafkaMessage,
  type ProduceMessageInput,
  type ProduceResult,
  type ScanEndReason,
  type ScanEvent,
  type StartMode,
} from "@/lib/schemas/kafka-messages";

export const messageKeys = {
  all: (topic: string) => [...kafkaKeys.all, "topics", "messages", topic] as const,
  one: (topic: string, partition: number, offset: string) => [...messageKeys.all(topic), partition, offset] as const,
};

const topicPath = (topic: string) => `/api/kafka/topics/${encodeURIComponent(topic)}/messages`;

export const kafkaMessageOptions = (topic: string, partition: number, offset: string) =>
  queryOptions({
    queryKey: messageKeys.one(topic, partition, offset),
    queryFn: () => fetchJson<KafkaMessage>(`${topicPath(topic)}/${partition}/${encodeURIComponent(offset)}`),
    // A written message never changes.
    staleTime: Infinity,
  });

export const useKafkaMessage = (topic: string, partition: number, offset: string) => useQuery(kafkaMessageOptions(topic, partition, offset));

/** Writes one message; the topic's counts are refetched afterwards. */
export function useProduceMessage(topic: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProduceMessageInput) => sendJson<ProduceResult>(topicPath(topic), "POST", input),
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

/** The URL query for settings: only what differs from the defaults, and only what the start mode uses. */
export function browseQueryString(settings: BrowseSettings): string {
  const query = new URLSearchParams();
  if (settings.partitions.length > 0) query.set("partitions", settings.partitions.join(","));
  if (settings.start !== defaultBrowseSettings.start) query.set("start", settings.start);
  if (settings.start === "latest" && settings.count !== defaultBrowseSettings.count) query.set("count", String(settings.count));
  if (settings.start === "offset") query.set("offset", settings.offset);
  if (settings.start === "timestamp") query.set("timestamp", settings.timestamp);
  if (settings.filter.trim()) query.set("filter", settings.filter.trim());
  if (settings.maxScan !== defaultBrowseSettings.maxScan) query.set("maxScan", String(settings.maxScan));
  if (settings.maxMatches !== defaultBrowseSettings.maxMatches) query.set("maxMatches", String(settings.maxMatches));
  return query.toString();
}

/** Splits a server-sent event stream into its events' data, parsed as JSON. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: ScanEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trimStart())
        .join("\n");
      if (data) onEvent(JSON.parse(data) as ScanEvent);
    }
  }
}

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
}

const idle: MessageSearchState = { status: "idle", messages: [], scanned: 0, matched: 0, total: 0, maxScan: 0, reason: null, error: null };

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
        const response = await fetch(`${topicPath(topic)}?${query}`, { signal: controller.signal, headers: { accept: "text/event-stream" } });
        if (!response.ok || !response.body) {
          const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
          throw new ApiError(response.status, body?.error?.code ?? "HTTP_ERROR", body?.error?.message ?? `HTTP ${response.status}`);
        }
        const messages: KafkaMessage[] = [];
        await readEvents(response.body, (event) => {
          if (event.type === "start") update({ ...current, total: event.total, maxScan: event.maxScan });
          else if (event.type === "message") {
            messages.push(event.message);
            update({ ...current, messages: [...messages], matched: messages.length });
          } else if (event.type === "progress") update({ ...current, scanned: event.scanned, matched: event.matched });
          else if (event.type === "done")
            update({ ...current, status: "done", scanned: event.scanned, matched: event.matched, reason: event.reason, messages: [...messages] }, true);
          else update({ ...current, status: "error", error: event.message, messages: [...messages] }, true);
        });
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
