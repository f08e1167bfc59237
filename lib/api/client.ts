import { EventSourceParserStream } from "eventsource-parser/stream";
import type { z } from "zod";
// Types only: the declarations' schemas stay on the server; the browser takes paths from the keys.
import type { ApiOperations, CallInput, JsonOperationKey, OperationKey, ResultOf } from "./operations";
import { ApiError, fetchJson, readError } from "./fetch-json";
import { splitOperationKey } from "./operations/key";

/** Options of one call besides its input. */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The input argument is optional when the operation has no path parameters and no required body. */
type Args<K extends OperationKey> = object extends CallInput<K> ? [input?: CallInput<K>, options?: CallOptions] : [input: CallInput<K>, options?: CallOptions];

type Inputs = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };

/** The URL of an operation: `[name]` segments filled (encoded), a `[...rest]` segment joined with slashes, the query's defined values. */
export function apiUrl<K extends OperationKey>(key: K, ...[input]: Args<K>): string {
  const { params = {}, query = {} } = (input ?? {}) as Inputs;
  const path = splitOperationKey(key)[1].replace(/\[(\.\.\.)?(\w+)\]/g, (_, rest: string | undefined, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${key}: no value for the path parameter ${name}`);
    return rest && Array.isArray(value) ? value.map((v) => encodeURIComponent(String(v))).join("/") : encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null) search.set(name, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * The fixed start of an operation's path, before its first parameter: the base a client that
 * builds the rest itself appends to (the PromQL editor's autocompletion, behind `[...path]`).
 */
export const apiPrefix = (key: OperationKey): string => splitOperationKey(key)[1].replace(/\/\[.*$/, "");

/** Keys of operations answering 204 with no body (sign-out): apiCall resolves them to undefined. */
export type NoContentOperationKey = { [K in OperationKey]: ApiOperations[K] extends { ok: { status: 204 } } ? K : never }[OperationKey];
/** What apiCall resolves to: the declared JSON, or undefined for a 204. */
export type CallResult<K extends JsonOperationKey | NoContentOperationKey> = K extends JsonOperationKey ? ResultOf<K> : undefined;

/**
 * Calls an API operation answering JSON, typed by its declaration: `apiCall("GET /api/kafka/topics", { query: { internal: "true" } })`.
 * A JSON body is sent as JSON, a string one (JSON lines) as text; changes carry the CSRF header
 * (fetchJson); a non-2xx answer throws ApiError with the server's code and message.
 */
export function apiCall<K extends JsonOperationKey | NoContentOperationKey>(key: K, ...args: Args<K>): Promise<CallResult<K>> {
  const [input, options = {}] = args;
  const { body } = (input ?? {}) as Inputs;
  const [method] = splitOperationKey(key);
  const init: RequestInit = { method, signal: options.signal, headers: options.headers };
  if (body !== undefined) {
    const text = typeof body === "string";
    init.headers = { "content-type": text ? "application/x-ndjson" : "application/json", ...options.headers };
    init.body = text ? body : JSON.stringify(body);
  }
  return fetchJson<CallResult<K>>(apiUrl(key, ...args), init);
}

/**
 * GETs an operation that answers a file or a stream of its own (the documents export) and gives
 * back the Response to read; a non-2xx answer or an unreachable server throws ApiError as apiCall does.
 */
export async function apiResponse<K extends Extract<OperationKey, `GET ${string}`>>(key: K, ...args: Args<K>): Promise<Response> {
  const [, options = {}] = args;
  const url = apiUrl(key, ...args);
  let response: Response;
  try {
    response = await fetch(url, { signal: options.signal, headers: options.headers });
  } catch (error) {
    // An abort stays an AbortError: the caller asked for it and tells it apart.
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, "NETWORK", "The console's server cannot be reached");
  }
  if (!response.ok) throw await readError(response, url);
  return response;
}

type EventSchemas<K extends OperationKey> = ApiOperations[K] extends { ok: { events: infer E extends Record<string, z.ZodType> } } ? E : never;
/** Keys of operations answering server-sent events. */
export type StreamOperationKey = { [K in OperationKey]: [EventSchemas<K>] extends [never] ? never : K }[OperationKey];
/** One event of an operation's stream: its name and its JSON data as declared. */
export type StreamEvent<K extends StreamOperationKey> = {
  [E in keyof EventSchemas<K>]: { event: E; data: z.output<EventSchemas<K>[E]> };
}[keyof EventSchemas<K>];

/**
 * Reads an operation's server-sent events until the stream ends or `options.signal` aborts
 * (which ends the server's work too); `onEvent` gets each event parsed. An answer that is not
 * a stream (bad input, not found, a backend down) throws ApiError before any event.
 */
export async function apiEvents<K extends StreamOperationKey>(
  key: K,
  input: CallInput<K>,
  onEvent: (event: StreamEvent<K>) => void,
  options: CallOptions & { onOpen?: () => void } = {},
): Promise<void> {
  const url = apiUrl(key, ...([input] as Args<K>));
  let response: Response;
  try {
    response = await fetch(url, { signal: options.signal, headers: { accept: "text/event-stream", ...options.headers } });
  } catch (error) {
    if (options.signal?.aborted) return;
    throw new ApiError(
      0,
      "NETWORK",
      error instanceof Error ? `The console's server cannot be reached (${error.message})` : "The console's server cannot be reached",
    );
  }
  if (!response.ok || !response.body) throw await readError(response, url);
  options.onOpen?.();
  const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  const reader = events.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      onEvent({ event: value.event ?? "message", data: JSON.parse(value.data) } as StreamEvent<K>);
    }
  } catch (error) {
    if (options.signal?.aborted) return;
    throw error instanceof ApiError ? error : new ApiError(0, "NETWORK", "The stream from the console's server broke off");
  } finally {
    reader.releaseLock();
  }
}
