import "server-only";
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { EjsonInputError } from "@/lib/mongo/ejson";
import { writeAudit } from "../audit/audit";
import { authorize, isMutation, requestActor } from "../auth/authorize";
import { getLogger } from "../log";
import { getConsoleMetrics } from "../metrics/registry";
import { AppError, RateLimitedError } from "./errors";
import { defaultBodyBytes, readLimitedJsonBody } from "./body";

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

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a route handler: checks who may call it (sign-in, role, CSRF, read-only; see
 * server/auth/authorize.ts — one place for every route), shapes every error the same way,
 * records the request in the console's own metrics under the route's pattern (`name`),
 * never the raw URL, and writes an audit record for every change attempted.
 */
export function route<C = unknown>(name: string, handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const metrics = getConsoleMetrics();
    const end = metrics.httpDuration.startTimer({ route: name, method: request.method });
    let response: Response;
    try {
      await authorize(request, name, context);
      response = await handler(request, context);
    } catch (error) {
      response = toErrorResponse(error);
    }
    end();
    metrics.httpRequests.inc({ route: name, method: request.method, status: String(response.status) });
    if (isMutation(request.method) && !name.startsWith("/api/auth/")) auditChange(request, name, response.status);
    return response;
  };
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

/** The request's JSON body, at most 1 MiB (413 beyond); anything but JSON is a 400 (validate the result with zod). */
export function readJsonBody(request: Request): Promise<unknown> {
  return readLimitedJsonBody(request, defaultBodyBytes);
}

/**
 * What a DELETE carries to confirm itself: `{ confirm }` from the query string, else the JSON
 * body (empty: `{}`); validate the result with zod.
 */
export async function readConfirmation(request: Request): Promise<unknown> {
  const fromQuery = new URL(request.url).searchParams.get("confirm");
  if (fromQuery !== null) return { confirm: fromQuery };
  return readLimitedJsonBody(request, defaultBodyBytes);
}
