import "server-only";

export type ErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "TOPIC_NOT_FOUND"
  | "GROUP_NOT_FOUND"
  | "GROUP_ACTIVE"
  | "TOPIC_EXISTS"
  | "RANGE_EMPTY"
  | "CONFLICT"
  | "TOO_LARGE"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "READ_ONLY"
  | "RATE_LIMITED"
  | "KAFKA_UNAVAILABLE"
  | "MONGO_UNAVAILABLE"
  | "MONGO_REFUSED"
  | "DATABASE_NOT_FOUND"
  | "COLLECTION_NOT_FOUND"
  | "DOCUMENT_NOT_FOUND"
  | "STALE_DOCUMENT"
  | "PROMETHEUS_UNAVAILABLE"
  | "SERVICE_UNAVAILABLE"
  | "TIMEOUT"
  | "CONFIG_INVALID"
  | "INTERNAL";

/** An error with a code and HTTP status the route wrapper can answer with as is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export class TimeoutError extends AppError {
  constructor(what: string, ms: number) {
    super("TIMEOUT", `${what} did not answer within ${ms} ms`, 504);
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
