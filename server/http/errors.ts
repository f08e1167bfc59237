import "server-only";

/**
 * Every error code the API answers with, and its one HTTP status. Adapters and handlers throw a
 * code; the status comes from here. 503: a backend cannot be reached (or is not ready); 502: it
 * answered, with a failure; 504: it did not answer in time.
 */
export const errorStatus = {
  BAD_REQUEST: 400,
  RANGE_EMPTY: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  READ_ONLY: 403,
  NOT_FOUND: 404,
  TOPIC_NOT_FOUND: 404,
  GROUP_NOT_FOUND: 404,
  DATABASE_NOT_FOUND: 404,
  COLLECTION_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  CONFLICT: 409,
  GROUP_ACTIVE: 409,
  TOPIC_EXISTS: 409,
  STALE_DOCUMENT: 409,
  TOO_LARGE: 413,
  /** MongoDB refused the request itself (an unsupported operator or index kind, say). */
  MONGO_REFUSED: 422,
  /** The Schema Registry refused a schema (invalid, or incompatible with its subject). */
  SCHEMA_INVALID: 422,
  RATE_LIMITED: 429,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
  /** Kafka answered a request with an error. */
  KAFKA_ERROR: 502,
  /** The broker's protocol versions or record format are older than the console reads. */
  KAFKA_UNSUPPORTED: 502,
  /** Records the console cannot read (a codec it lacks, a batch over the fetch limit). */
  RECORDS_UNREADABLE: 502,
  MONGO_ERROR: 502,
  PROMETHEUS_ERROR: 502,
  /** A storefront service's admin API answered with an error. */
  SERVICE_ERROR: 502,
  /** The Schema Registry answered with an error (other than "not found" or a refused schema). */
  SCHEMA_REGISTRY_ERROR: 502,
  KAFKA_UNAVAILABLE: 503,
  MONGO_UNAVAILABLE: 503,
  PROMETHEUS_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
  SCHEMA_REGISTRY_UNAVAILABLE: 503,
  TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** An error with a code (its HTTP status from `errorStatus`) the route wrapper can answer with as is. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the answer's `details` carries (an object or a list: never a bare status, which the code decides). */
    readonly details?: object,
  ) {
    super(message);
    this.name = "AppError";
    this.status = errorStatus[code];
  }
}

/** A refusal to try again yet: answered with `Retry-After`. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("RATE_LIMITED", message);
    this.name = "RateLimitedError";
  }
}

export class TimeoutError extends AppError {
  constructor(what: string, ms: number) {
    super("TIMEOUT", `${what} did not answer within ${ms} ms`);
    this.name = "TimeoutError";
  }
}

/** Rejects with a TimeoutError when `work` takes longer than `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
