import type { DashboardDefinition } from "./types";

export const systemOverviewDashboard: DashboardDefinition = {
  id: "system-overview",
  title: "System overview",
  description: "Event flow per topic, consumer lag, orders and errors across the storefront.",
  defaultRange: "1h",
  variables: [],
  rows: [
    {
      title: "At a glance",
      panels: [
        {
          id: "events-per-second",
          title: "Events published",
          query: "sum(rate(storefront_events_produced_total[$__rate_interval]))",
          unit: "events",
          type: "stat",
          span: 3,
        },
        {
          id: "orders-per-second",
          title: "Orders placed",
          query: 'sum(rate(storefront_events_produced_total{type="OrderCreated"}[$__rate_interval]))',
          unit: "ops",
          type: "stat",
          span: 3,
        },
        {
          id: "http-p95",
          title: "HTTP p95 latency",
          query: "histogram_quantile(0.95, sum by (le) (rate(storefront_http_request_duration_seconds_bucket[$__rate_interval])))",
          unit: "seconds",
          type: "stat",
          span: 3,
          thresholds: { warn: 0.1, bad: 0.5 },
        },
        {
          id: "error-ratio",
          title: "Error ratio",
          query:
            '(sum(rate(storefront_events_consumed_total{outcome="error"}[$__rate_interval])) or vector(0)) / clamp_min(sum(rate(storefront_events_consumed_total[$__rate_interval])), 1e-9)',
          unit: "percentunit",
          type: "stat",
          span: 3,
          thresholds: { warn: 0.01, bad: 0.05 },
        },
      ],
    },
    {
      title: "Events",
      panels: [
        {
          id: "events-in",
          title: "Events in per topic",
          description: "Events the services publish, per topic.",
          query: "sum by (topic) (rate(storefront_events_produced_total[$__rate_interval]))",
          legend: "{{topic}}",
          unit: "events",
          type: "stacked",
          span: 6,
        },
        {
          id: "events-out",
          title: "Events out per topic",
          description: "Events the services consume, per topic.",
          query: "sum by (topic) (rate(storefront_events_consumed_total[$__rate_interval]))",
          legend: "{{topic}}",
          unit: "events",
          type: "stacked",
          span: 6,
        },
      ],
    },
    {
      title: "Orders and lag",
      panels: [
        {
          id: "orders",
          title: "Orders accepted and processed",
          query: 'sum by (type) (rate(storefront_events_produced_total{type=~"OrderCreated|OrderApproved|OrderRejected|OrderShipped"}[$__rate_interval]))',
          legend: "{{type}}",
          unit: "ops",
          type: "timeseries",
          span: 6,
        },
        {
          id: "lag-per-group",
          title: "Lag per consumer group",
          description: "From the console's lag exporter.",
          query: 'sum by (group) (eventdeck_consumergroup_lag{group!~"e2e-.*|eventdeck-bench-.*|bench.*"})',
          legend: "{{group}}",
          unit: "short",
          type: "timeseries",
          span: 6,
        },
      ],
    },
    {
      title: "Errors",
      panels: [
        {
          id: "error-rate",
          title: "Errors per service",
          description: "Failed event handlers and HTTP 5xx answers per second.",
          query:
            'sum by (service) (rate(storefront_events_consumed_total{outcome="error"}[$__rate_interval])) or sum by (service) (rate(storefront_http_requests_total{status=~"5.."}[$__rate_interval])) or sum by (service) (rate(storefront_http_requests_total[$__rate_interval])) * 0',
          legend: "{{service}}",
          unit: "ops",
          type: "timeseries",
          span: 8,
        },
        {
          id: "requests-by-service",
          title: "HTTP requests by service",
          query: "sum by (service) (rate(storefront_http_requests_total[$__rate_interval]))",
          legend: "{{service}}",
          unit: "ops",
          type: "bar",
          span: 4,
        },
      ],
    },
  ],
};
