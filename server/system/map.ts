import "server-only";
import type { Health, MapEdge, MapGroup, MapService, MapTopic, SystemMap } from "@/lib/schemas/system";
import type { SystemConfig } from "@/lib/schemas/system-file";
import { cached } from "../cache";
import { kafkaAdmin } from "../kafka/call";
import { listConsumerGroups } from "../kafka/groups";
import { fetchAllMetadata } from "../kafka/topics";
import { listCollections } from "../mongo/collections";
import { fetchInstantSeries } from "../prometheus/queries";
import { getSystemConfig, systemScope } from "./system-file";
import { isReplayProgressGroup } from "../replay/republish";

/** A group this far behind (seconds) is lagging; that far, critical. */
const lagWarningSeconds = 10;
const lagCriticalSeconds = 60;

export function lagHealth(members: number, lag: bigint, lagSeconds: number | null): Health {
  if (members === 0) return lag > 0n ? "critical" : "warning";
  if (lagSeconds !== null && lagSeconds >= lagCriticalSeconds) return "critical";
  if ((lagSeconds !== null && lagSeconds >= lagWarningSeconds) || lag > 10_000n) return "warning";
  return "ok";
}

const worst = (a: Health, b: Health): Health => {
  const order: Health[] = ["unknown", "ok", "warning", "critical"];
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
};

interface ServiceMetrics {
  produced: Array<{ service: string; topic: string; rate: number }>;
  consumed: Array<{ service: string; topic: string; rate: number }>;
  errors: Map<string, number>;
  up: Map<string, boolean>;
}

/** Rates by service and topic from the services' own metrics (four instant queries). */
async function serviceMetrics(config: SystemConfig): Promise<ServiceMetrics> {
  const { produced, consumed, errors, serviceLabel: s, topicLabel: t } = config.metrics;
  const byServiceTopic = async (metric: string) =>
    (await fetchInstantSeries(`sum by (${s}, ${t}) (rate(${metric}[1m]))`)).series
      .filter((series) => series.labels[s] && series.labels[t])
      .map((series) => ({ service: series.labels[s]!, topic: series.labels[t]!, rate: series.points[0]?.[1] ?? 0 }));
  const [p, c, e, u] = await Promise.all([
    byServiceTopic(produced),
    byServiceTopic(consumed),
    fetchInstantSeries(`sum by (${s}) (rate(${errors}[1m]))`),
    fetchInstantSeries(`max by (${s}) (up{${s}!=""})`),
  ]);
  return {
    produced: p,
    consumed: c,
    errors: new Map(e.series.map((series) => [series.labels[s] ?? "", series.points[0]?.[1] ?? 0])),
    up: new Map(u.series.map((series) => [series.labels[s] ?? "", series.points[0]?.[1] === 1])),
  };
}

/** Which declared service a group belongs to: declared by name, else by its members' client ids. */
export function serviceOfGroup(config: SystemConfig, groupId: string, clientIds: string[]): string | null {
  const declared = config.services.find((service) => service.groups.includes(groupId));
  if (declared) return declared.name;
  for (const service of config.services) {
    const ids = service.clientIds ?? [service.name];
    if (clientIds.some((id) => ids.includes(id))) return service.name;
  }
  return null;
}

/**
 * The system as a graph: services, topics and consumer groups, with edges service → topic
 * (from the services' produced-events metric, and declarations) and topic → service (from
 * consumer groups and their members' client ids), each with its rate and lag, and each
 * service's database and collections. Whatever backend is down leaves a warning and the
 * rest of the map. At most 2 s old.
 */
export function buildSystemMap(): Promise<SystemMap> {
  return cached("system:map", 2_000, async () => {
    const config = getSystemConfig();
    const scope = systemScope(config);
    const warnings: string[] = [];
    const note = (what: string) => (error: unknown) => {
      warnings.push(`${what}: ${(error as Error).message}`);
      return null;
    };

    const [metadata, groupLags, metrics] = await Promise.all([
      fetchAllMetadata().catch(note("Kafka did not answer")),
      listConsumerGroups().catch(() => null),
      serviceMetrics(config).catch(note("Prometheus did not answer; rates, errors and producers learnt from metrics are missing")),
    ]);
    const described = groupLags?.length
      ? await kafkaAdmin("describeGroups", (admin) => admin.describeGroups(groupLags.map((g) => g.groupId))).catch(() => null)
      : null;
    const clientIdsOf = new Map((described?.groups ?? []).map((g) => [g.groupId, [...new Set(g.members.map((m) => m.clientId))].sort()]));

    const partitions = new Map((metadata ?? []).map((t) => [t.name, t.partitions.length]));
    const serviceNames = new Set(config.services.map((s) => s.name));
    const edges: MapEdge[] = [];
    const inSystem = new Set<string>();

    // Producers: the metrics, then declarations not seen in them.
    for (const { service, topic, rate } of metrics?.produced ?? []) {
      if (!scope.topic(topic) || (metadata && !partitions.has(topic))) continue;
      serviceNames.add(service);
      inSystem.add(topic);
      edges.push({ kind: "produces", service, topic, groupId: null, rate, lag: null, lagSeconds: null, health: "ok", source: "metrics" });
    }
    for (const service of config.services) {
      for (const topic of service.produces) {
        if (edges.some((e) => e.kind === "produces" && e.service === service.name && e.topic === topic)) continue;
        inSystem.add(topic);
        edges.push({
          kind: "produces",
          service: service.name,
          topic,
          groupId: null,
          rate: null,
          lag: null,
          lagSeconds: null,
          health: metrics ? "ok" : "unknown",
          source: "config",
        });
      }
    }
    for (const entity of config.entities) entity.topics.forEach((topic) => inSystem.add(topic));

    // Consumers: every group of the system that reads a topic of the system (or belongs to a service).
    const groups: MapGroup[] = [];
    if (!groupLags) warnings.push("Kafka did not answer: consumer groups and lag are missing");
    for (const lag of groupLags ?? []) {
      if (!scope.group(lag.groupId) || isReplayProgressGroup(lag.groupId)) continue;
      const clientIds = clientIdsOf.get(lag.groupId) ?? [];
      const service = serviceOfGroup(config, lag.groupId, clientIds);
      const topics = [...new Set(lag.partitions.map((p) => p.topic))].filter(scope.topic);
      if (!service && !topics.some((topic) => inSystem.has(topic))) continue;
      const health = lagHealth(lag.members, BigInt(lag.totalLag), lag.lagSeconds);
      groups.push({
        groupId: lag.groupId,
        state: lag.state,
        members: lag.members,
        clientIds,
        service,
        totalLag: lag.totalLag,
        lagSeconds: lag.lagSeconds,
        health,
      });
      for (const topic of topics) {
        inSystem.add(topic);
        const parts = lag.partitions.filter((p) => p.topic === topic);
        const topicLag = parts.reduce((sum, p) => sum + BigInt(p.lag), 0n);
        const seconds = parts.reduce<number | null>((max, p) => (p.lagSeconds === null ? max : Math.max(max ?? 0, p.lagSeconds)), null);
        const rate = service ? (metrics?.consumed.filter((c) => c.service === service && c.topic === topic).reduce((sum, c) => sum + c.rate, 0) ?? null) : null;
        edges.push({
          kind: "consumes",
          service,
          topic,
          groupId: lag.groupId,
          rate,
          lag: String(topicLag),
          lagSeconds: seconds,
          health: lagHealth(lag.members, topicLag, seconds),
          source: service && config.services.some((s) => s.groups.includes(lag.groupId)) ? "config" : "group-members",
        });
      }
    }

    const topics: MapTopic[] = [...inSystem].sort().map((name) => ({
      name,
      partitions: partitions.get(name) ?? 0,
      rate: metrics ? metrics.produced.filter((p) => p.topic === name).reduce((sum, p) => sum + p.rate, 0) : null,
    }));
    for (const topic of topics) if (metadata && topic.partitions === 0) warnings.push(`Topic "${topic.name}" is declared but does not exist`);

    const services: MapService[] = await Promise.all(
      [...serviceNames].sort().map(async (name) => {
        const declared = config.services.find((s) => s.name === name);
        const database = declared?.database ?? null;
        const collections = database
          ? ((await listCollections(database, { exact: false }).catch(note(`MongoDB: collections of ${database}`))) ?? []).map((c) => ({
              name: c.name,
              documents: c.estimatedCount,
            }))
          : [];
        const up = metrics?.up.get(name) ?? null;
        const errorRate = metrics ? (metrics.errors.get(name) ?? 0) : null;
        let health: Health = up === null ? "unknown" : up ? "ok" : "critical";
        if (errorRate && errorRate > 0) health = worst(health, "warning");
        for (const group of groups) if (group.service === name) health = worst(health, group.health === "critical" ? "warning" : "ok");
        return {
          name,
          description: declared?.description ?? null,
          declared: Boolean(declared),
          up,
          errorRate,
          health,
          database,
          collections,
          dashboard: declared?.dashboard ?? null,
        };
      }),
    );

    return { services, topics, groups, edges, warnings, generatedAt: new Date().toISOString() };
  });
}
