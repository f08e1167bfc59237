import { createRequire } from "node:module";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { backoffMs, isTransientKafkaError, withKafkaRetry } from "./kafka-retry";

// kafkajs's own error classes and its table of Kafka's error codes: the errors a broker really produces.
const require = createRequire(import.meta.url);
const errors = require("kafkajs/src/errors") as Record<string, new (...args: unknown[]) => Error>;
const { createErrorFromCode } = require("kafkajs/src/protocol/error") as { createErrorFromCode(code: number): unknown };
const protocolError = (code: number) => createErrorFromCode(code) as Error;
const retriesExceeded = (cause: Error) => new errors.KafkaJSNumberOfRetriesExceeded!(cause, { retryCount: 5, retryTime: 1000 });

const COORDINATOR_LOAD_IN_PROGRESS = 14;
const NOT_COORDINATOR = 16;
const NOT_LEADER_OR_FOLLOWER = 6;
const TOPIC_AUTHORIZATION_FAILED = 29;
const INVALID_CONFIG = 40;
const TOPIC_ALREADY_EXISTS = 36;

describe("isTransientKafkaError", () => {
  it("recognises a coordinator that is loading, also inside kafkajs's 'retries exceeded'", () => {
    expect(isTransientKafkaError(protocolError(COORDINATOR_LOAD_IN_PROGRESS))).toBe(true);
    expect(isTransientKafkaError(retriesExceeded(protocolError(COORDINATOR_LOAD_IN_PROGRESS)))).toBe(true);
    expect(isTransientKafkaError(retriesExceeded(protocolError(NOT_COORDINATOR)))).toBe(true);
    expect(isTransientKafkaError(protocolError(NOT_LEADER_OR_FOLLOWER))).toBe(true);
  });

  it("recognises a broker that is not listening yet", () => {
    expect(isTransientKafkaError(new errors.KafkaJSConnectionError!("Connection error: connect ECONNREFUSED 127.0.0.1:19092", { code: "ECONNREFUSED" }))).toBe(
      true,
    );
    expect(isTransientKafkaError(retriesExceeded(new errors.KafkaJSConnectionError!("Connection timeout")))).toBe(true);
    expect(isTransientKafkaError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(true);
  });

  it("does not wait on answers that waiting cannot change", () => {
    expect(isTransientKafkaError(protocolError(TOPIC_AUTHORIZATION_FAILED))).toBe(false);
    expect(isTransientKafkaError(retriesExceeded(protocolError(INVALID_CONFIG)))).toBe(false);
    expect(isTransientKafkaError(protocolError(TOPIC_ALREADY_EXISTS))).toBe(false);
    expect(isTransientKafkaError(new Error("something else"))).toBe(false);
    expect(isTransientKafkaError(undefined)).toBe(false);
  });

  it("takes an error for several topics as transient only when every part is", () => {
    const aggregate = (...parts: Error[]) => new errors.KafkaJSAggregateError!("Topic creation errors", parts);
    expect(isTransientKafkaError(aggregate(protocolError(NOT_LEADER_OR_FOLLOWER), protocolError(COORDINATOR_LOAD_IN_PROGRESS)))).toBe(true);
    expect(isTransientKafkaError(aggregate(protocolError(NOT_LEADER_OR_FOLLOWER), protocolError(INVALID_CONFIG)))).toBe(false);
  });
});

describe("backoffMs", () => {
  it("doubles from the first delay and stops at the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((attempt) => backoffMs(attempt, 250, 5_000))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });
});

describe("withKafkaRetry", () => {
  const log = pino({ level: "silent" });

  it("waits out transient failures and returns the result", async () => {
    let calls = 0;
    const result = await withKafkaRetry(
      "producer connect",
      async () => {
        calls++;
        if (calls < 3) throw retriesExceeded(protocolError(COORDINATOR_LOAD_IN_PROGRESS));
        return "connected";
      },
      log,
      { initialDelayMs: 1, maxDelayMs: 2 },
    );
    expect(result).toBe("connected");
    expect(calls).toBe(3);
  });

  it("throws at once on a failure that waiting cannot fix", async () => {
    let calls = 0;
    const failing = withKafkaRetry(
      "producer connect",
      async () => {
        calls++;
        throw protocolError(TOPIC_AUTHORIZATION_FAILED);
      },
      log,
      { initialDelayMs: 1 },
    );
    await expect(failing).rejects.toMatchObject({ code: TOPIC_AUTHORIZATION_FAILED });
    expect(calls).toBe(1);
  });

  it("logs each wait with what was being done", async () => {
    const lines: string[] = [];
    const recording = pino({ level: "warn" }, { write: (line: string) => lines.push(line) });
    let calls = 0;
    await withKafkaRetry(
      "consumer orders.saga connect",
      async () => {
        if (++calls < 2) throw protocolError(COORDINATOR_LOAD_IN_PROGRESS);
      },
      recording,
      { initialDelayMs: 1 },
    );
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "consumer orders.saga connect: Kafka is not ready; trying again", attempt: 1, retryInMs: 1 });
  });
});
