import "server-only";
import { browseQuerySchema } from "@/lib/schemas/kafka-messages";
import type { CatalogTopic, SystemCatalog } from "@/lib/schemas/system";
import { cached } from "../cache";
import { planScan, scanMessages } from "../kafka/messages";
import { getSystemConfig } from "./system-file";
import { eventView } from "./event-view";
import { buildSystemMap } from "./map";

/** Recent messages read per topic to learn what it carries. */
const samplePerTopic = 300;
const exampleBytes = 4_000;

/** The newest `samplePerTopic` messages of a topic, summarized: event types with a recent example of each, and keys. */
async function describeTopic(topic: string, partitions: number): Promise<Omit<CatalogTopic, "producers" | "consumers" | "entities">> {
  const count = Math.max(1, Math.ceil(samplePerTopic / Math.max(1, partitions)));
  const plan = await planScan(
    topic,
    browseQuerySchema.parse({ start: "latest", count: String(count), maxScan: String(samplePerTopic * 2), maxMatches: String(samplePerTopic * 2) }),
  );
  const types = new Map<string, CatalogTopic["eventTypes"][number]>();
  const keys = new Set<string>();
  let sampled = 0;
  for await (const event of scanMessages(plan, AbortSignal.timeout(10_000))) {
    if (event.type !== "message") continue;
    const message = event.message;
    sampled++;
    const view = eventView(message);
    const { headers, value } = view;
    const type = view.type ?? "(no type)";
    if (message.key) keys.add(message.key.text);
    const example = {
      key: message.key?.text ?? null,
      value: typeof value === "string" && value.length > exampleBytes ? `${value.slice(0, exampleBytes)}…` : value,
      headers,
      offset: message.offset,
      partition: message.partition,
      timestamp: new Date(Number(message.timestamp)).toISOString(),
    };
    const seen = types.get(type);
    if (!seen) types.set(type, { type, count: 1, example });
    else {
      seen.count++;
      if (example.timestamp >= seen.example.timestamp) seen.example = example;
    }
  }
  return {
    topic,
    sampled,
    eventTypes: [...types.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    keys: { distinct: keys.size, examples: [...keys].slice(0, 5) },
  };
}

/** What each topic of the system carries, who writes and reads it, and the documented envelope (at most 30 s old). */
export function buildSystemCatalog(): Promise<SystemCatalog> {
  return cached("system:catalog", 30_000, async () => {
    const config = getSystemConfig();
    const map = await buildSystemMap();
    const warnings = [...map.warnings];
    const topics = await Promise.all(
      map.topics
        .filter((t) => t.partitions > 0)
        .map(async (t): Promise<CatalogTopic> => {
          const described = await describeTopic(t.name, t.partitions).catch((error: Error) => {
            warnings.push(`${t.name}: ${error.message}`);
            return { topic: t.name, sampled: 0, eventTypes: [], keys: { distinct: 0, examples: [] } };
          });
          const serviceOf = (kind: "produces" | "consumes") =>
            [...new Set(map.edges.filter((e) => e.kind === kind && e.topic === t.name).map((e) => e.service ?? e.groupId ?? "?"))].sort();
          return {
            ...described,
            producers: serviceOf("produces"),
            consumers: serviceOf("consumes"),
            entities: config.entities.filter((e) => e.topics.includes(t.name)).map((e) => e.name),
          };
        }),
    );
    return {
      description: config.description ?? null,
      envelope: config.envelope ?? null,
      entities: config.entities.map((e) => ({
        name: e.name,
        description: e.description ?? null,
        topics: e.topics,
        documents: e.documents.map((d) => ({ service: d.service, database: d.database, collection: d.collection })),
      })),
      topics,
      warnings,
    };
  });
}
