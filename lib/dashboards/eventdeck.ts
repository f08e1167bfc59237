import { histogramQuantileQuery } from "@/lib/metrics/promql";
import type { DashboardDefinition } from "./types";

const console_ = 'job="eventdeck"';

export const eventdeckDashboard: DashboardDefinition = {
  id: "eventdeck",
  title: "Eventdeck itself",
  description: "The console's own API latencies, backend calls and process health (Prometheus scrapes it on port 3000).",
  defaultRange: "1h",
  variables: [],
  rows: [
    {
      title: "API",
      panels: [
        {
          id: "route-rate",
          title: "Requests per route",
          query: `sum by (route) (rate(eventdeck_http_requests_total{${console_}}[$__rate_interval]))`,
          legend: "{{route}}",
          unit: "ops",
          type: "stacked",
          span: 6,
        },
        {
          id: "route-p95",
          title: "Route latency p95",
          query: histogramQuantileQuery(0.95, "eventdeck_http_request_duration_seconds", { by: ["route"], matchers: console_ }),
          legend: "{{route}}",
          unit: "seconds",
          type: "timeseries",
          span: 6,
        },
        {
          id: "route-errors",
          title: "Error answers (4xx, 5xx)",
          query: `sum by (route, status) (rate(eventdeck_http_requests_total{${console_}, status=~"[45].."}[$__rate_interval]))`,
          legend: "{{route}} {{status}}",
          unit: "ops",
          type: "timeseries",
          span: 12,
        },
      ],
    },
    {
      title: "Backends",
      panels: [
        {
          id: "backend-p95",
          title: "Backend call latency p95",
          query: histogramQuantileQuery(0.95, "eventdeck_backend_call_duration_seconds", { by: ["backend", "operation"], matchers: console_ }),
          legend: "{{backend}} {{operation}}",
          unit: "seconds",
          type: "timeseries",
          span: 6,
        },
        {
          id: "backend-errors",
          title: "Backend call failures",
          query: `sum by (backend) (rate(eventdeck_backend_call_duration_seconds_count{${console_}, outcome="error"}[$__rate_interval]))`,
          legend: "{{backend}}",
          unit: "ops",
          type: "timeseries",
          span: 6,
        },
        {
          id: "kafka-requests",
          title: "Kafka protocol requests",
          query: `sum(rate(eventdeck_kafka_requests_total{${console_}}[$__rate_interval]))`,
          legend: "requests",
          unit: "ops",
          type: "timeseries",
          span: 6,
        },
        {
          id: "memory",
          title: "Resident memory",
          query: `eventdeck_process_resident_memory_bytes{${console_}}`,
          legend: "{{instance}}",
          unit: "bytes",
          type: "timeseries",
          span: 6,
        },
      ],
    },
  ],
};
