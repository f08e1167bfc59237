import "server-only";
import { AppError, errorMessage } from "../http/errors";

/** The Kafka protocol error type (e.g. `INVALID_CONFIG`) inside a kafkajs error, however it was wrapped. */
export function kafkaErrorType(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 4) return undefined;
  const e = error as { type?: unknown; cause?: unknown; errors?: unknown[]; partitions?: Array<{ error?: unknown }> };
  if (typeof e.type === "string") return e.type;
  const inner = [e.cause, ...(Array.isArray(e.errors) ? e.errors : []), ...(Array.isArray(e.partitions) ? e.partitions.map((p) => p?.error) : [])];
  for (const candidate of inner) {
    const type = kafkaErrorType(candidate, depth + 1);
    if (type) return type;
  }
  return undefined;
}

/** Kafka's answers while a partition's leadership moves (a topic just made, partitions just added, a broker restarting). */
export const leadershipMoving: ReadonlySet<string> = new Set([
  "NOT_LEADER_FOR_PARTITION",
  "NOT_LEADER_OR_FOLLOWER",
  "LEADER_NOT_AVAILABLE",
  "UNKNOWN_LEADER_EPOCH",
  "FENCED_LEADER_EPOCH",
]);

/** Node's error codes for a TLS connection that failed: certificate checks, OpenSSL alerts, a peer that speaks no TLS. */
const tlsCodes = /^(ERR_TLS_|ERR_SSL_|UNABLE_TO_|EPROTO$)|CERT/;
/** …and its messages where the code says less (a plaintext listener closing on a TLS client is an ECONNRESET). */
const tlsMessages = /certificate|secure TLS connection|SSL routines|tlsv1 alert|wrong version number/i;

/** Whether `error`, or an error it wraps (kafkajs copies the socket's code onto its connection error), is a TLS failure. */
function isTlsFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };
  if (typeof e.code === "string" && tlsCodes.test(e.code)) return true;
  if (typeof e.message === "string" && tlsMessages.test(e.message)) return true;
  return isTlsFailure(e.cause, depth + 1) || isTlsFailure(e.originalError, depth + 1);
}

/**
 * Maps a kafkajs failure to our error: broker unreachable or retries exhausted mean Kafka is
 * unavailable. Kafka's own error type, when there is one, goes along in `details.kafkaError`.
 */
export function toKafkaError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const name = error instanceof Error ? error.name : "";
  const message = errorMessage(error);
  const type = kafkaErrorType(error);
  const details = type ? { kafkaError: type } : undefined;
  if (name === "KafkaJSSASLAuthenticationError" || type === "SASL_AUTHENTICATION_FAILED") {
    return new AppError(
      "KAFKA_UNAVAILABLE",
      `Kafka refused the console's credentials (check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and the password): ${message}`,
      details,
    );
  }
  if (isTlsFailure(error)) {
    return new AppError(
      "KAFKA_UNAVAILABLE",
      `Kafka's TLS handshake failed (check KAFKA_TLS, KAFKA_TLS_CA_FILE and, for client certificates, KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE): ${message}`,
      details,
    );
  }
  if (/Connection|NumberOfRetriesExceeded|BrokerNotFound|NonRetriable|RequestTimeout/.test(name) || /ECONNREFUSED|timed? ?out/i.test(message)) {
    return new AppError("KAFKA_UNAVAILABLE", `Kafka is unavailable: ${message}`, details);
  }
  if (type && leadershipMoving.has(type)) {
    return new AppError("KAFKA_UNAVAILABLE", `Kafka is moving a partition's leadership; try again in a moment (${message})`, details);
  }
  return new AppError("KAFKA_ERROR", `Kafka request failed: ${message}`, details);
}
