import "server-only";
import { cached } from "../cache";
import { getConfig } from "../config";
import { kafkaCall } from "./call";
import { getKafkaCluster } from "./client";

export interface ClusterDescription {
  clusterId: string;
  controllerId: number | null;
  brokers: Array<{ nodeId: number; host: string; port: number; rack: string | null }>;
}

/**
 * Describes the cluster: id, controller and brokers with their racks (one Metadata round trip
 * for no topic), at most 2 s old and shared by concurrent callers like the rest of the metadata.
 */
export async function describeKafkaCluster(): Promise<ClusterDescription> {
  const metadata = await cached("kafka:metadata:cluster", 2_000, () =>
    kafkaCall("describeCluster", async () => (await getKafkaCluster()).metadata({ topics: [] }), getConfig().BACKEND_TIMEOUT_MS),
  );
  return {
    clusterId: metadata.clusterId,
    controllerId: metadata.controllerId >= 0 ? metadata.controllerId : null,
    brokers: metadata.brokers.map(({ nodeId, host, port, rack }) => ({ nodeId, host, port, rack: rack || null })),
  };
}
