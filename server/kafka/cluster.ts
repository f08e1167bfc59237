import "server-only";
import { getConfig } from "../config";
import { kafkaCall } from "./call";
import { getKafkaAdmin } from "./client";

export interface ClusterDescription {
  clusterId: string;
  controllerId: number | null;
  brokers: Array<{ nodeId: number; host: string; port: number }>;
}

/** Describes the cluster: id, controller and brokers (one DescribeCluster round trip). */
export async function describeKafkaCluster(): Promise<ClusterDescription> {
  const cluster = await kafkaCall(
    "describeCluster",
    async () => (await getKafkaAdmin()).describeCluster(),
    getConfig().BACKEND_TIMEOUT_MS,
  );
  return { clusterId: cluster.clusterId, controllerId: cluster.controller, brokers: cluster.brokers };
}
