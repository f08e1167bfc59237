import { describe, expect, it } from "vitest";
import { AppError, errorStatus, RateLimitedError, TimeoutError } from "./errors";
import { toErrorResponse } from "./route";

describe("errorStatus", () => {
  it("gives each error its status from its code alone", () => {
    expect(new AppError("TOPIC_NOT_FOUND", "No such topic").status).toBe(404);
    expect(new AppError("KAFKA_UNAVAILABLE", "Kafka is unavailable").status).toBe(503);
    expect(new AppError("KAFKA_ERROR", "Kafka request failed").status).toBe(502);
    expect(new AppError("RECORDS_UNREADABLE", "cannot decode").status).toBe(502);
    expect(new TimeoutError("Kafka", 3000)).toMatchObject({ code: "TIMEOUT", status: 504 });
  });

  it("keeps 503 for a backend that cannot be reached and 502 for one that answered with a failure", () => {
    for (const backend of ["KAFKA", "MONGO", "PROMETHEUS", "SERVICE"] as const) {
      expect(errorStatus[`${backend}_UNAVAILABLE`]).toBe(503);
      expect(errorStatus[`${backend}_ERROR`]).toBe(502);
    }
  });

  it("answers a rate limit with Retry-After and the one error shape", async () => {
    const response = toErrorResponse(new RateLimitedError("Too many failed sign-ins; try again in 30 s", 30));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await response.json()).toEqual({ error: { code: "RATE_LIMITED", message: "Too many failed sign-ins; try again in 30 s" } });
  });
});
