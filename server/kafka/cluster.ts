import "server-only";
import { withTimeout } from "../http/errors";
import { getConfig } from "../config";
import { timedBackendCall } from "../metrics/registry";
import { getKafkaAdmin } from "./client";
import { toKafkaError } from "./errors";

export interface ClusterDescription {
  clusterId: string;
  controllerId: number | null;
  brokers: Array<{ nodeId: number; host: string; port: number }>;
}

/** Describes the cluster: id, controller and brokers (one DescribeCluster round trip). */
export async function describeKafkaCluster(): Promise<ClusterDescription> {
  try {
    return await timedBackendCall("kafka", "describeCluster", async () => {
      const admin = await getKafkaAdmin();
      const cluster = await withTimeout(admin.describeCluster(), getConfig().BACKEND_TIMEOUT_MS, "Kafka");
      return { clusterId: cluster.clusterId, controllerId: cluster.controller, brokers: cluster.brokers };
    });
  } catch (error) {
    throw toKafkaError(error);
  }
}
