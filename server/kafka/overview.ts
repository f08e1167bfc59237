import "server-only";
import type { KafkaOverview } from "@/lib/schemas/kafka";
import { describeKafkaCluster } from "./cluster";
import { listConsumerGroups } from "./groups";
import { fetchAllMetadata } from "./topics";

/**
 * The cluster at a glance: brokers with leader and replica counts, topic and partition
 * totals, under-replicated and offline partitions, lag overall and the groups furthest
 * behind. DescribeCluster plus the cached metadata and lag the other pages use.
 */
export async function fetchKafkaOverview(): Promise<KafkaOverview> {
  const [cluster, topics, groups] = await Promise.all([describeKafkaCluster(), fetchAllMetadata(), listConsumerGroups()]);
  const partitions = topics.flatMap((t) => t.partitions);
  const brokers = cluster.brokers
    .map((b) => ({
      nodeId: b.nodeId,
      host: b.host,
      port: b.port,
      leaderCount: partitions.filter((p) => p.leader === b.nodeId).length,
      replicaCount: partitions.filter((p) => p.replicas.includes(b.nodeId)).length,
      isController: b.nodeId === cluster.controllerId,
    }))
    .sort((a, b) => a.nodeId - b.nodeId);
  const lagging = groups.filter((g) => BigInt(g.totalLag) > 0n).sort((a, b) => (BigInt(b.totalLag) > BigInt(a.totalLag) ? 1 : -1));
  return {
    clusterId: cluster.clusterId,
    controllerId: cluster.controllerId,
    brokers,
    topics: topics.length,
    partitions: partitions.length,
    underReplicatedPartitions: partitions.filter((p) => p.isr.length < p.replicas.length).length,
    offlinePartitions: partitions.filter((p) => p.leader < 0).length,
    groups: groups.length,
    totalLag: String(groups.reduce((sum, g) => sum + BigInt(g.totalLag), 0n)),
    topLaggingGroups: lagging.slice(0, 5).map((g) => ({ groupId: g.groupId, totalLag: g.totalLag, state: g.state })),
  };
}
