/** A Next.js route handler as the tests call it: a Request and the route's params. */
export type RouteHandler = (request: Request, context: never) => Promise<Response>;

export interface RouteCallOptions {
  /** A string is sent as is (to test bodies that are not JSON); anything else as JSON. */
  body?: unknown;
  /** The route's dynamic segments, as Next.js hands them to the handler (already URL-decoded). */
  params?: Record<string, unknown>;
  headers?: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers of every shape
export interface RouteCallResult<B = any> {
  status: number;
  /** The answer parsed as JSON, or its text when it is not one JSON value (an export, say). */
  body: B;
  text: string;
  headers: Headers;
}

/**
 * Calls a route handler in this process the way the console's pages do: a JSON content type
 * and the CSRF header on every request (the route wrapper checks them on changes); answers
 * the Response as the handler gave it.
 */
export function sendRoute(
  handler: RouteHandler | ((request: Request, context: never) => Promise<Response>),
  method: string,
  url: string,
  options: RouteCallOptions & { signal?: AbortSignal } = {},
): Promise<Response> {
  const init: RequestInit = { method, headers: { "content-type": "application/json", "x-eventdeck-csrf": "1", ...options.headers }, signal: options.signal };
  if (options.body !== undefined)
    init.body = typeof options.body === "string" || Buffer.isBuffer(options.body) ? (options.body as BodyInit) : JSON.stringify(options.body);
  return handler(new Request(`http://localhost${url}`, init), { params: Promise.resolve(options.params ?? {}) } as never);
}

/** sendRoute, with the answer read: its status, headers, text and (when it is JSON) parsed body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as response.json() would give
export async function callRoute<B = any>(...args: Parameters<typeof sendRoute>): Promise<RouteCallResult<B>> {
  const response = await sendRoute(...args);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not one JSON value: the text is the body
  }
  return { status: response.status, body: body as B, text, headers: response.headers };
}

/** callRoute's status and parsed body alone, for tests that compare the whole answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as response.json() would give
export async function callRouteJson<B = any>(...args: Parameters<typeof callRoute>): Promise<{ status: number; body: B }> {
  const { status, body } = await callRoute<B>(...args);
  return { status, body };
}
