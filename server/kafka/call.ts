import "server-only";
import { getConfig } from "../config";
import { AppError, withTimeout } from "../http/errors";
import { timedBackendCall } from "../metrics/registry";
import { toKafkaError } from "./errors";

/**
 * Runs one admin call with a timeout (default: three backend timeouts, for calls that
 * may span several brokers), records its latency, and turns kafkajs failures into
 * our errors: an unknown topic is a 404, an unreachable broker a 503.
 */
export async function kafkaCall<T>(operation: string, call: () => Promise<T>, timeoutMs = getConfig().BACKEND_TIMEOUT_MS * 3): Promise<T> {
  try {
    return await timedBackendCall("kafka", operation, () => withTimeout(call(), timeoutMs, "Kafka"));
  } catch (error) {
    if ((error as { type?: string }).type === "UNKNOWN_TOPIC_OR_PARTITION") {
      throw new AppError("TOPIC_NOT_FOUND", "No such topic", 404);
    }
    throw toKafkaError(error);
  }
}
