import "server-only";
import type { BackendHealth, HealthReport } from "@/lib/schemas/health";
import { redactCredentials } from "@/lib/redact";
import { getConfig } from "./config";
import { errorMessage } from "./http/errors";
import { describeKafkaCluster } from "./kafka/cluster";
import { fetchMongoServerInfo } from "./mongo/server-info";
import { fetchPrometheusBuildInfo } from "./prometheus/client";
import { singleFlight } from "./single-flight";

type CheckResult = Pick<BackendHealth, "version" | "summary">;

async function check(target: string, probe: () => Promise<CheckResult>): Promise<BackendHealth> {
  const started = performance.now();
  try {
    const result = await probe();
    return { status: "up", latencyMs: Math.round(performance.now() - started), target, ...result };
  } catch (error) {
    return { status: "down", latencyMs: Math.round(performance.now() - started), target, reason: errorMessage(error) };
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

async function checkKafka(): Promise<CheckResult> {
  const cluster = await describeKafkaCluster();
  const controller = cluster.controllerId === null ? "no controller" : `controller ${cluster.controllerId}`;
  return { summary: `${plural(cluster.brokers.length, "broker")}, ${controller}, cluster ${cluster.clusterId}` };
}

async function checkMongo(): Promise<CheckResult> {
  const info = await fetchMongoServerInfo();
  return info.product ? { version: info.product, summary: `MongoDB ${info.version} compatible` } : { version: `MongoDB ${info.version}` };
}

async function checkPrometheus(): Promise<CheckResult> {
  const info = await fetchPrometheusBuildInfo();
  return { version: `Prometheus ${info.version}` };
}

/**
 * Checks all three backends in parallel, each within the backend timeout; a backend
 * that is down is reported, never thrown. Concurrent callers share one round of checks.
 */
export function checkHealth(): Promise<HealthReport> {
  return singleFlight("health", async () => {
    const config = getConfig();
    const [kafka, mongo, prometheus] = await Promise.all([
      check(config.KAFKA_BROKERS.join(","), checkKafka),
      check(redactCredentials(config.MONGODB_URI), checkMongo),
      check(redactCredentials(config.PROMETHEUS_URL), checkPrometheus),
    ]);
    return { cluster: config.CLUSTER_NAME, checkedAt: new Date().toISOString(), backends: { kafka, mongo, prometheus } };
  });
}
