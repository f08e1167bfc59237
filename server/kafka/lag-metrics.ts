import "server-only";
import { Gauge } from "prom-client";
import { getConsoleMetrics } from "../metrics/registry";
import { listConsumerGroups } from "./groups";

const state = globalThis as unknown as { eventdeckLagMetrics?: boolean };

/**
 * Registers the lag exporter on the console's registry (once per process). Each scrape
 * reads the same cached, single-flight computation the pages use, so both gauges see
 * one snapshot; Kafka being down leaves these series out instead of failing the scrape.
 */
export function registerLagMetrics(): void {
  if (state.eventdeckLagMetrics) return;
  state.eventdeckLagMetrics = true;
  const { registry } = getConsoleMetrics();
  const groups = () => listConsumerGroups().catch(() => []);
  new Gauge({
    name: "eventdeck_consumergroup_lag",
    help: "Messages a consumer group has still to read, per topic and partition.",
    labelNames: ["group", "topic", "partition"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const group of await groups()) {
        for (const p of group.partitions) this.set({ group: group.groupId, topic: p.topic, partition: String(p.partition) }, Number(p.lag));
      }
    },
  });
  new Gauge({
    name: "eventdeck_topic_end_offset",
    help: "High watermark of each partition of the topics consumer groups read.",
    labelNames: ["topic", "partition"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const group of await groups()) {
        for (const p of group.partitions) this.set({ topic: p.topic, partition: String(p.partition) }, Number(p.endOffset));
      }
    },
  });
}
