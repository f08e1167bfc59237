import "server-only";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

interface ConsoleMetrics {
  registry: Registry;
  httpRequests: Counter<"route" | "method" | "status">;
  httpDuration: Histogram<"route" | "method">;
  backendDuration: Histogram<"backend" | "operation" | "outcome">;
  kafkaRequests: Counter;
}

const cache = globalThis as unknown as { eventdeckMetrics?: ConsoleMetrics };

function createMetrics(): ConsoleMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ app: "eventdeck" });
  collectDefaultMetrics({ register: registry, prefix: "eventdeck_" });
  return {
    registry,
    kafkaRequests: new Counter({
      name: "eventdeck_kafka_requests_total",
      help: "Requests the console has written to Kafka brokers (every protocol request, on every connection).",
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: "eventdeck_http_requests_total",
      help: "API requests served by the console, by route, method and status.",
      labelNames: ["route", "method", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "eventdeck_http_request_duration_seconds",
      help: "API request latency of the console, by route and method.",
      labelNames: ["route", "method"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    backendDuration: new Histogram({
      name: "eventdeck_backend_call_duration_seconds",
      help: "Latency of calls from the console to Kafka, MongoDB and Prometheus.",
      labelNames: ["backend", "operation", "outcome"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

/** The console's own metrics, one registry per process (kept across dev reloads). */
export function getConsoleMetrics(): ConsoleMetrics {
  cache.eventdeckMetrics ??= createMetrics();
  return cache.eventdeckMetrics;
}

export type Backend = "kafka" | "mongo" | "prometheus" | "schema-registry";

/** Runs one backend call and records its latency and outcome. */
export async function timedBackendCall<T>(backend: Backend, operation: string, call: () => Promise<T>): Promise<T> {
  const end = getConsoleMetrics().backendDuration.startTimer({ backend, operation });
  try {
    const result = await call();
    end({ outcome: "ok" });
    return result;
  } catch (error) {
    end({ outcome: "error" });
    throw error;
  }
}
