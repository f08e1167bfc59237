import "server-only";
import { cached } from "../cache";
import { kafkaCall } from "./call";
import { getKafkaCluster } from "./client";
import { describeLogDirsOf, type LogDir } from "./protocol/describe-log-dirs";

/**
 * DescribeLogDirs (v1) for every topic on one broker: one round trip on the broker's own
 * connection (kafkajs has no such request; see ./protocol/describe-log-dirs).
 */
export async function describeLogDirs(nodeId: number): Promise<LogDir[]> {
  const broker = await (await getKafkaCluster()).findBroker({ nodeId: String(nodeId) });
  return describeLogDirsOf(broker);
}

/** Log directories of one broker, cached for 10 s (sizes change slowly, and the request walks every partition). */
export function cachedLogDirs(nodeId: number): Promise<LogDir[]> {
  return cached(`kafka:logdirs:${nodeId}`, 10_000, () => kafkaCall("describeLogDirs", () => describeLogDirs(nodeId)));
}
