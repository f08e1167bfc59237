import "server-only";
import { getConfig } from "../config";
import { AppError, withTimeout } from "../http/errors";
import { timedBackendCall } from "../metrics/registry";
import type { Admin } from "kafkajs";
import { getKafkaAdmin, resetKafkaClients } from "./client";
import { kafkaErrorType, toKafkaError } from "./errors";

/**
 * Runs one admin call with a timeout (default: three backend timeouts, for calls that
 * may span several brokers), records its latency, and turns kafkajs failures into
 * our errors: an unknown topic is a 404, an unreachable broker a 503.
 */
export async function kafkaCall<T>(operation: string, call: () => Promise<T>, timeoutMs = getConfig().BACKEND_TIMEOUT_MS * 3): Promise<T> {
  const attempt = () => timedBackendCall("kafka", operation, () => withTimeout(call(), timeoutMs, "Kafka"));
  try {
    return await attempt();
  } catch (error) {
    if (!isUnknownTopic(error)) throw toKafkaError(error);
  }
  // Either the topic is gone, or the clients still carry a topic deleted since in every metadata
  // request: with fresh clients, ask once more, and only then answer 404.
  resetKafkaClients();
  try {
    return await attempt();
  } catch (error) {
    if (isUnknownTopic(error)) throw new AppError("TOPIC_NOT_FOUND", "No such topic");
    throw toKafkaError(error);
  }
}

/** Kafka's "no such topic", also when kafkajs wrapped it (its retrier gives up with the last error inside). */
function isUnknownTopic(error: unknown): boolean {
  const type = kafkaErrorType(error);
  return type === "UNKNOWN_TOPIC_OR_PARTITION" || type === "UNKNOWN_TOPIC_ID";
}

/** kafkaCall with the process's admin client, fetched inside the call so a retry gets a fresh one. */
export function kafkaAdmin<T>(operation: string, work: (admin: Admin) => Promise<T>, timeoutMs?: number): Promise<T> {
  return kafkaCall(operation, async () => work(await getKafkaAdmin()), timeoutMs);
}
