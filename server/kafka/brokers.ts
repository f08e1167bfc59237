import "server-only";
import kafkajs from "kafkajs";
import type { BrokerDetail, BrokerInfo } from "@/lib/schemas/kafka";
import { AppError, errorMessage } from "../http/errors";
import { kafkaCall } from "./call";
import { getKafkaAdmin } from "./client";
import { describeKafkaCluster } from "./cluster";
import { cachedLogDirs } from "./log-dirs";
import { toConfigEntry } from "./topic-configs";
import { fetchAllMetadata } from "./topics";

// kafkajs is CommonJS: Node's ESM loader does not see this named export (bundlers do).
const { ConfigResourceTypes } = kafkajs;

/** Every broker with rack, controller flag, leader and replica counts and the bytes in its log directories. */
export async function listBrokers(): Promise<BrokerInfo[]> {
  const [cluster, topics] = await Promise.all([describeKafkaCluster(), fetchAllMetadata()]);
  const partitions = topics.flatMap((t) => t.partitions);
  return Promise.all(
    cluster.brokers
      .sort((a, b) => a.nodeId - b.nodeId)
      .map(async (b) => {
        const dirs = await cachedLogDirs(b.nodeId).then(
          (list) => ({ list, error: null }),
          (error: unknown) => ({ list: null, error: errorMessage(error) }),
        );
        return {
          nodeId: b.nodeId,
          host: b.host,
          port: b.port,
          rack: b.rack,
          isController: b.nodeId === cluster.controllerId,
          leaderCount: partitions.filter((p) => p.leader === b.nodeId).length,
          replicaCount: partitions.filter((p) => p.replicas.includes(b.nodeId)).length,
          offlineReplicaCount: partitions.filter((p) => p.offlineReplicas?.includes(b.nodeId)).length,
          logDirBytes: dirs.list ? dirs.list.reduce((sum, d) => sum + d.bytes, 0) : null,
          logDirError: dirs.error ?? dirs.list?.find((d) => d.error)?.error ?? null,
        };
      }),
  );
}

/** One broker: its summary, its log directories with per-topic sizes and its configs (sensitive values withheld). */
export async function describeBroker(nodeId: number): Promise<BrokerDetail> {
  const broker = (await listBrokers()).find((b) => b.nodeId === nodeId);
  if (!broker) throw new AppError("NOT_FOUND", `Broker ${nodeId} is not in the cluster`);
  const [logDirs, configs] = await Promise.all([
    cachedLogDirs(nodeId).catch(() => []),
    kafkaCall("describeConfigs", async () =>
      (await getKafkaAdmin()).describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: String(nodeId) }], includeSynonyms: false }),
    ),
  ]);
  const entries = (configs.resources[0]?.configEntries ?? []).map(toConfigEntry).sort((a, b) => a.name.localeCompare(b.name));
  return { ...broker, logDirs, configs: entries };
}
