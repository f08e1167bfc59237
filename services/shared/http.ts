import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import type { Logger } from "pino";
import { ZodError } from "zod";
import type { ServiceMetrics } from "./metrics";

/** An error a handler throws to answer with a status and code in the one error shape. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.status(status).send({ error: { code, message } });
}

/** A Fastify app with /metrics, request metrics and the shared error shape. */
export function createHttpApp(metrics: ServiceMetrics, log: Logger, health: () => Promise<Record<string, unknown>>): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    const labels = { route, method: request.method };
    metrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) });
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ZodError) {
      const message = error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
      return sendError(reply, 400, "BAD_REQUEST", message);
    }
    if (error instanceof HttpError) return sendError(reply, error.statusCode, error.code, error.message);
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) return sendError(reply, status, "BAD_REQUEST", (error as Error).message);
    log.error({ err: error }, "request failed");
    return sendError(reply, 503, "UNAVAILABLE", "The service could not complete the request; try again");
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, 404, "NOT_FOUND", `No route ${request.method} ${request.url}`));

  app.get("/metrics", async (_request, reply) => {
    reply.header("content-type", metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get("/healthz", async (_request, reply) => {
    try {
      return { status: "ok", ...(await health()) };
    } catch (error) {
      return reply.status(503).send({ status: "unavailable", reason: (error as Error).message });
    }
  });

  return app;
}
