import "server-only";
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { apiOperations, splitOperationKey, type BodyOf, type OperationKey, type ParamsOf, type QueryOf, type ResultOf } from "@/lib/api/operations";
import type { ApiOperation } from "@/lib/api/operations/define";
import { EjsonInputError } from "@/lib/mongo/ejson";
import type { SessionUser } from "@/lib/schemas/auth";
import { writeAudit } from "../audit/audit";
import { authorize, isMutation, requestActor } from "../auth/authorize";
import { getLogger } from "../log";
import { getConsoleMetrics } from "../metrics/registry";
import { AppError, RateLimitedError } from "./errors";
import { defaultBodyBytes, readLimitedJsonBody, readLimitedText } from "./body";

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

export function errorResponse(status: number, body: ErrorBody, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** Turns any thrown value into the one error shape: 400 for bad input, AppError's own status, else 500 with a request id. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof ZodError) {
    const message = error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
    return errorResponse(400, { error: { code: "BAD_REQUEST", message, details: error.issues } });
  }
  if (error instanceof EjsonInputError) {
    return errorResponse(400, {
      error: { code: "BAD_REQUEST", message: error.message, details: error.position === undefined ? undefined : { position: error.position } },
    });
  }
  if (error instanceof AppError) {
    const headers = error instanceof RateLimitedError ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
    return errorResponse(error.status, { error: { code: error.code, message: error.message, details: error.details } }, headers);
  }
  const requestId = randomUUID();
  getLogger().error({ err: error, requestId }, "unhandled error in route handler");
  return errorResponse(500, { error: { code: "INTERNAL", message: "Internal error; see the server log", requestId } });
}

/** What Next.js passes a route handler besides the request. */
export interface RouteContext {
  params: Promise<Record<string, string | string[]>>;
}
export type RouteHandler = (request: Request, context?: RouteContext) => Promise<Response>;

/** What a handler receives: its request, the caller, and its path parameters, query and body parsed by the declaration's schemas. */
export interface HandlerInput<K extends OperationKey> {
  request: Request;
  user: SessionUser | null;
  /** The caller's name for audit records and job owners ("anonymous" when nobody is signed in). */
  actor: string;
  params: ParamsOf<K>;
  query: QueryOf<K>;
  body: BodyOf<K>;
}

/** The declared JSON answer (sent with the declaration's status), or a Response of its own (streams, files, redirects, cookies). */
export type HandlerOutput<K extends OperationKey> = Promise<([ResultOf<K>] extends [never] ? never : ResultOf<K>) | Response>;

const operationOfHandler = new WeakMap<RouteHandler, OperationKey>();

/** The operation a handler serves (for the test that holds handlers and declarations together). */
export const operationOf = (handler: unknown): OperationKey | undefined => operationOfHandler.get(handler as RouteHandler);

async function parseInput(operation: ApiOperation, request: Request, context: RouteContext | undefined) {
  const rawParams = (await context?.params) ?? {};
  const params = operation.params ? operation.params.parse(rawParams) : rawParams;
  const query = operation.query?.parse(Object.fromEntries(new URL(request.url).searchParams));
  const spec = operation.body;
  if (!spec) return { params, query, body: undefined };
  const maxBytes = spec.maxBytes ?? defaultBodyBytes;
  if (spec.mediaType === "application/x-ndjson")
    return { params, query, body: spec.schema.parse(await readLimitedText(request, maxBytes, spec.tooLargeMessage)) };
  let raw = await readLimitedJsonBody(request, maxBytes, spec.tooLargeMessage);
  if (spec.alsoInQuery && query) raw = { ...(raw as object), ...Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) };
  return { params, query, body: spec.schema.parse(raw) };
}

/**
 * The handler of the operation declared under `key` (lib/api/operations): checks who may call
 * it (sign-in, role, CSRF, read-only; server/auth/authorize.ts), parses path parameters, query
 * and body with the declared schemas (a 400 names what is wrong), runs `handler`, answers its
 * result as JSON with the declared status, shapes every error the same way, records the
 * request in the console's own metrics under the route's pattern (never the raw URL), and
 * writes an audit record for every change attempted.
 */
export function handle<K extends OperationKey>(key: K, handler: (input: HandlerInput<K>) => HandlerOutput<K>): RouteHandler {
  const operation: ApiOperation = apiOperations[key];
  const [, name] = splitOperationKey(key);
  const wrapped: RouteHandler = async (request, context) => {
    const metrics = getConsoleMetrics();
    const end = metrics.httpDuration.startTimer({ route: name, method: request.method });
    let response: Response;
    try {
      const user = await authorize(request, key, operation.access, context);
      const input = (await parseInput(operation, request, context)) as Pick<HandlerInput<K>, "params" | "query" | "body">;
      const result = await handler({ request, user, actor: requestActor(request), ...input });
      response =
        result instanceof Response
          ? result
          : Response.json(result, { status: operation.ok.status, headers: { "cache-control": operation.cacheControl ?? "no-store" } });
    } catch (error) {
      response = toErrorResponse(error);
    }
    end();
    metrics.httpRequests.inc({ route: name, method: request.method, status: String(response.status) });
    if (isMutation(request.method) && operation.audit !== false) auditChange(request, name, response.status);
    return response;
  };
  operationOfHandler.set(wrapped, key);
  return wrapped;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Who tried which change on what, and how it ended (bodies are left out: they may hold secrets or documents). */
function auditChange(request: Request, name: string, status: number): void {
  const url = new URL(request.url);
  void writeAudit({
    actor: requestActor(request),
    action: `${request.method} ${name}`,
    target: safeDecode(url.pathname),
    outcome: status < 400 ? "ok" : status < 500 ? "refused" : "failed",
    details: { status, ...(url.search ? { query: url.search.slice(1) } : {}) },
  });
}
