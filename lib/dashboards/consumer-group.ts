import type { DashboardDefinition } from "./types";

const group = 'group=~"$group"';
/** Committed offset per partition and group: the topic's end offset minus the group's lag there. */
const committed = `(eventdeck_topic_end_offset - on (topic, partition) group_right eventdeck_consumergroup_lag{${group}})`;
/** Messages per second the group commits, from the slope of its committed offsets. */
const consumption = `sum by (group) (clamp_min(deriv(${committed}[$__rate_interval:$__resolution]), 0))`;

export const consumerGroupDashboard: DashboardDefinition = {
  id: "consumer-group",
  title: "Consumer group",
  description: "Lag per partition, consumption rate and the time a group needs to catch up, from the console's lag exporter.",
  defaultRange: "1h",
  variables: [
    {
      name: "group",
      label: "Group",
      fromLabel: "group",
      match: "eventdeck_consumergroup_lag",
      multi: true,
      defaults: ["fulfillment", "orders.saga"],
      exclude: "^(e2e-|eventdeck-bench-|bench)",
    },
  ],
  rows: [
    {
      title: "Now",
      panels: [
        {
          id: "total-lag",
          title: "Total lag",
          query: `sum(eventdeck_consumergroup_lag{${group}})`,
          unit: "short",
          type: "stat",
          span: 4,
          thresholds: { warn: 100, bad: 1_000 },
        },
        {
          id: "consumption-rate",
          title: "Consumption rate",
          query: `sum(${consumption})`,
          unit: "events",
          type: "stat",
          span: 4,
        },
        {
          id: "catch-up",
          title: "Time to catch up",
          description:
            "Current lag divided by the current consumption rate; 0 when there is no lag, no value while the group consumes nothing (it would never catch up).",
          query: `(sum(eventdeck_consumergroup_lag{${group}}) == 0) or (sum(eventdeck_consumergroup_lag{${group}}) / (sum(${consumption}) > 0))`,
          unit: "seconds",
          type: "stat",
          span: 4,
          thresholds: { warn: 60, bad: 600 },
        },
      ],
    },
    {
      title: "Over time",
      panels: [
        {
          id: "lag-per-partition",
          title: "Lag per partition",
          query: `sum by (group, topic, partition) (eventdeck_consumergroup_lag{${group}})`,
          legend: "{{group}} {{topic}}[{{partition}}]",
          unit: "short",
          type: "stacked",
          span: 12,
        },
        {
          id: "consumption-over-time",
          title: "Consumption rate per group",
          query: consumption,
          legend: "{{group}}",
          unit: "events",
          type: "timeseries",
          span: 6,
        },
        {
          id: "lag-per-topic",
          title: "Lag per topic",
          query: `sum by (topic) (eventdeck_consumergroup_lag{${group}})`,
          legend: "{{topic}}",
          unit: "short",
          type: "bar",
          span: 6,
        },
      ],
    },
  ],
};
