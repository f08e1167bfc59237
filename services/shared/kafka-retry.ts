import type { Logger } from "pino";

/**
 * Kafka's answers that mean "not yet" rather than "no": a broker that is starting or has just
 * restarted loads its group and transaction coordinators, elects leaders and spreads metadata,
 * and answers these until it is done. kafkajs retries them a few times, then gives up.
 */
const transientTypes: ReadonlySet<string> = new Set([
  // kafkajs's names for Kafka's COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE and NOT_COORDINATOR (14–16).
  "GROUP_LOAD_IN_PROGRESS",
  "GROUP_COORDINATOR_NOT_AVAILABLE",
  "NOT_COORDINATOR_FOR_GROUP",
  "NOT_CONTROLLER",
  "LEADER_NOT_AVAILABLE",
  "NOT_LEADER_FOR_PARTITION",
  "NOT_LEADER_OR_FOLLOWER",
  "UNKNOWN_LEADER_EPOCH",
  "FENCED_LEADER_EPOCH",
  "UNKNOWN_TOPIC_OR_PARTITION",
  "REQUEST_TIMED_OUT",
  "NETWORK_EXCEPTION",
  "NOT_ENOUGH_REPLICAS",
  "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
  "CONCURRENT_TRANSACTIONS",
  "REBALANCE_IN_PROGRESS",
  "KAFKA_STORAGE_ERROR",
  "BROKER_NOT_AVAILABLE",
  "THROTTLING_QUOTA_EXCEEDED",
]);

/** kafkajs's names for a broker it could not reach, that did not answer in time, or whose metadata it has not read yet. */
const transientNames: ReadonlySet<string> = new Set([
  "KafkaJSConnectionError",
  "KafkaJSConnectionClosedError",
  "KafkaJSRequestTimeoutError",
  "KafkaJSBrokerNotFound",
  "KafkaJSNoBrokerAvailableError",
  "KafkaJSGroupCoordinatorNotFound",
  "KafkaJSMetadataNotLoaded",
  "KafkaJSTopicMetadataNotLoaded",
  "KafkaJSStaleTopicMetadataAssignment",
  "KafkaJSLockTimeout",
  "KafkaJSTimeout",
]);
const transientCodes = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/;

/**
 * Whether a kafkajs failure is one that clears up by itself (a coordinator still loading, a
 * leader moving, a broker not yet listening), also when kafkajs's retrier gave up and wrapped
 * it. Authorization failures, bad configuration and refused data are not.
 */
export function isTransientKafkaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { name?: unknown; type?: unknown; code?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  if (typeof e.type === "string") return transientTypes.has(e.type);
  // One request for several topics fails with one error per topic: transient only if all are.
  if (Array.isArray(e.errors) && e.errors.length > 0) return e.errors.every((inner) => isTransientKafkaError(inner, depth + 1));
  if (typeof e.name === "string" && transientNames.has(e.name)) return true;
  if (typeof e.code === "string" && transientCodes.test(e.code)) return true;
  return isTransientKafkaError(e.cause, depth + 1) || isTransientKafkaError(e.originalError, depth + 1);
}

export interface RetryOptions {
  /** First wait after a failure; doubled each time up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Stops retrying (throws the last error) once aborted. */
  signal?: AbortSignal;
}

/** The wait before attempt `attempt + 1`: doubling from the first delay, never above the cap. */
export function backoffMs(attempt: number, initialDelayMs = 250, maxDelayMs = 5_000): number {
  return Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Runs `work` until it succeeds or fails for a reason that waiting cannot fix. Each transient
 * failure is logged with what was being done and the next wait; the service never exits on one.
 */
export async function withKafkaRetry<T>(what: string, work: () => Promise<T>, log: Logger, options: RetryOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await work();
      if (attempt > 1) log.info({ attempts: attempt }, `${what}: done after Kafka was not ready`);
      return result;
    } catch (error) {
      if (!isTransientKafkaError(error) || options.signal?.aborted) throw error;
      const wait = backoffMs(attempt, options.initialDelayMs, options.maxDelayMs);
      log.warn({ attempt, retryInMs: wait, reason: error instanceof Error ? error.message : String(error) }, `${what}: Kafka is not ready; trying again`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
