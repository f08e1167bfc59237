import type { FastifyRequest } from "fastify";
import { newTraceId } from "./events";

/** The trace id of an incoming request (`x-trace-id`, else a new one); it follows the request through every event. */
export function traceIdOf(request: FastifyRequest): string {
  const header = request.headers["x-trace-id"];
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9-]{8,64}$/.test(value) ? value : newTraceId();
}
