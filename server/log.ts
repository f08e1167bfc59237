import "server-only";
import pino from "pino";
import { redactCredentialsIn } from "@/lib/redact";

const cache = globalThis as unknown as { eventdeckLogger?: pino.Logger };

/** Errors as pino logs them, with credentials inside any URI in their message or stack masked. */
export function serializeError(error: unknown): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  for (const key of ["message", "stack"]) if (typeof serialized[key] === "string") serialized[key] = redactCredentialsIn(serialized[key] as string);
  return serialized;
}

/** The process's one logger: cookies, authorization headers, passwords and secrets are never written; credentials in URIs inside errors are masked. */
export function getLogger(): pino.Logger {
  cache.eventdeckLogger ??= pino({
    name: "eventdeck",
    level: process.env.LOG_LEVEL ?? "info",
    redact: ["req.headers.cookie", "req.headers.authorization", "password", "*.password", "secret", "*.secret"],
    serializers: { err: serializeError },
  });
  return cache.eventdeckLogger;
}
