import "server-only";
import pino from "pino";

const cache = globalThis as unknown as { eventdeckLogger?: pino.Logger };

/** The process's one logger; credentials in connection strings are redacted by the callers that log them. */
export function getLogger(): pino.Logger {
  cache.eventdeckLogger ??= pino({
    name: "eventdeck",
    level: process.env.LOG_LEVEL ?? "info",
    redact: ["req.headers.cookie", "req.headers.authorization"],
  });
  return cache.eventdeckLogger;
}
