import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The metrics every storefront service exports on /metrics. */
export function createServiceMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    eventsConsumed: new Counter({
      name: "storefront_events_consumed_total",
      help: "Events consumed, by topic and event type (duplicates included).",
      labelNames: ["topic", "type", "outcome"] as const,
      registers,
    }),
    eventsProduced: new Counter({
      name: "storefront_events_produced_total",
      help: "Events published, by topic and event type.",
      labelNames: ["topic", "type"] as const,
      registers,
    }),
    processingDuration: new Histogram({
      name: "storefront_event_processing_seconds",
      help: "Time to handle one consumed event, database write included.",
      labelNames: ["topic", "type"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    handlerErrors: new Counter({
      name: "storefront_handler_errors_total",
      help: "Consumed events whose handling failed, by topic and reason.",
      labelNames: ["topic", "reason"] as const,
      registers,
    }),
    httpRequests: new Counter({
      name: "storefront_http_requests_total",
      help: "HTTP requests, by route, method and status.",
      labelNames: ["route", "method", "status"] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: "storefront_http_request_duration_seconds",
      help: "HTTP request latency, by route and method.",
      labelNames: ["route", "method"] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
  };
}
export type ServiceMetrics = ReturnType<typeof createServiceMetrics>;
