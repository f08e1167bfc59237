import "server-only";
import { AppError, errorMessage } from "../http/errors";

/** Maps a kafkajs failure to our error: broker unreachable or retries exhausted mean Kafka is unavailable. */
export function toKafkaError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const name = error instanceof Error ? error.name : "";
  const message = errorMessage(error);
  if (/Connection|NumberOfRetriesExceeded|BrokerNotFound|NonRetriable|RequestTimeout/.test(name) || /ECONNREFUSED|timed? ?out/i.test(message)) {
    return new AppError("KAFKA_UNAVAILABLE", `Kafka is unavailable: ${message}`, 503);
  }
  return new AppError("KAFKA_UNAVAILABLE", `Kafka request failed: ${message}`, 502);
}
