import { histogramQuantileQuery } from "@/lib/metrics/promql";
import type { DashboardDefinition } from "./types";

const selected = 'service=~"$service"';

export const serviceDashboard: DashboardDefinition = {
  id: "service",
  title: "Service",
  description: "Request rate, latency percentiles, errors, event handling and process health of storefront services.",
  defaultRange: "1h",
  variables: [
    { name: "service", label: "Service", fromLabel: "service", match: 'storefront_http_requests_total{job="services"}', multi: true, defaults: ["orders"] },
  ],
  rows: [
    {
      title: "HTTP",
      panels: [
        {
          id: "request-rate",
          title: "Request rate",
          query: `sum by (service, route) (rate(storefront_http_requests_total{${selected}, route!~"/metrics|/healthz"}[$__rate_interval]))`,
          legend: "{{service}} {{route}}",
          unit: "ops",
          type: "stacked",
          span: 6,
        },
        {
          id: "latency",
          title: "Latency p50 / p95 / p99",
          query: [0.5, 0.95, 0.99]
            .map(
              (q) =>
                `label_replace(${histogramQuantileQuery(q, "storefront_http_request_duration_seconds", { by: ["service"], matchers: selected })}, "quantile", "p${Math.round(q * 100)}", "", "")`,
            )
            .join(" or "),
          legend: "{{service}} {{quantile}}",
          unit: "seconds",
          type: "timeseries",
          span: 6,
        },
        {
          id: "http-errors",
          title: "HTTP errors (4xx, 5xx)",
          query: `sum by (service, status) (rate(storefront_http_requests_total{${selected}, status=~"[45].."}[$__rate_interval])) or sum by (service) (rate(storefront_http_requests_total{${selected}}[$__rate_interval])) * 0`,
          legend: "{{service}} {{status}}",
          unit: "ops",
          type: "timeseries",
          span: 6,
        },
        {
          id: "handler-outcomes",
          title: "Consumed events by outcome",
          query: `sum by (outcome) (rate(storefront_events_consumed_total{${selected}}[$__rate_interval]))`,
          legend: "{{outcome}}",
          unit: "events",
          type: "stacked",
          span: 6,
        },
      ],
    },
    {
      title: "Event handling",
      panels: [
        {
          id: "handler-duration",
          title: "Event handler duration p95",
          query: histogramQuantileQuery(0.95, "storefront_event_processing_seconds", { by: ["service", "type"], matchers: selected }),
          legend: "{{service}} {{type}}",
          unit: "seconds",
          type: "timeseries",
          span: 12,
        },
      ],
    },
    {
      title: "Process",
      panels: [
        {
          id: "cpu",
          title: "CPU",
          query: `sum by (service) (rate(process_cpu_seconds_total{job="services", ${selected}}[$__rate_interval]))`,
          legend: "{{service}}",
          unit: "percentunit",
          type: "timeseries",
          span: 4,
        },
        {
          id: "memory",
          title: "Resident memory",
          query: `sum by (service) (process_resident_memory_bytes{job="services", ${selected}})`,
          legend: "{{service}}",
          unit: "bytes",
          type: "timeseries",
          span: 4,
        },
        {
          id: "event-loop-lag",
          title: "Event loop lag p99",
          query: `max by (service) (nodejs_eventloop_lag_p99_seconds{job="services", ${selected}})`,
          legend: "{{service}}",
          unit: "seconds",
          type: "timeseries",
          span: 4,
        },
      ],
    },
  ],
};
