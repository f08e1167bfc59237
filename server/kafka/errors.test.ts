import { describe, expect, it } from "vitest";
import { toKafkaError } from "./errors";

describe("toKafkaError", () => {
  it("answers 503 while a partition's leadership moves, with Kafka's error type", () => {
    const error = Object.assign(new Error("This server is not the leader for that topic-partition"), {
      name: "KafkaJSProtocolError",
      type: "NOT_LEADER_FOR_PARTITION",
    });
    expect(toKafkaError(error)).toMatchObject({ status: 503, code: "KAFKA_UNAVAILABLE", details: { kafkaError: "NOT_LEADER_FOR_PARTITION" } });
  });

  it("answers 503 when Kafka cannot be reached and 502 for other failures", () => {
    expect(toKafkaError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:19092"), { name: "KafkaJSConnectionError" })).status).toBe(503);
    expect(toKafkaError(Object.assign(new Error("Invalid request"), { name: "KafkaJSProtocolError", type: "INVALID_REQUEST" }))).toMatchObject({
      status: 502,
      details: { kafkaError: "INVALID_REQUEST" },
    });
  });

  it("answers 503 naming the settings when Kafka refuses the console's SASL credentials", () => {
    const error = Object.assign(new Error("SASL PLAIN authentication failed: Authentication failed: Invalid username or password"), {
      name: "KafkaJSSASLAuthenticationError",
    });
    const mapped = toKafkaError(error);
    expect(mapped.status).toBe(503);
    expect(mapped.message).toMatch(/KAFKA_SASL_USERNAME/);
  });

  it("answers 503 naming the TLS settings when the broker's certificate is not trusted or the listener speaks no TLS", () => {
    const untrusted = Object.assign(new Error("Connection error: self-signed certificate in certificate chain"), { name: "KafkaJSConnectionError" });
    expect(toKafkaError(untrusted)).toMatchObject({ status: 503, message: expect.stringMatching(/TLS handshake failed .*KAFKA_TLS_CA_FILE/) });
    const plaintextListener = Object.assign(new Error("Connection error: Client network socket disconnected before secure TLS connection was established"), {
      name: "KafkaJSConnectionError",
      code: "ECONNRESET",
    });
    const retried = Object.assign(new Error("Connection error"), { name: "KafkaJSNumberOfRetriesExceeded", cause: plaintextListener });
    expect(toKafkaError(retried).message).toMatch(/TLS handshake failed/);
    const byCode = Object.assign(new Error("Connection error: unable to verify the first certificate"), {
      name: "KafkaJSConnectionError",
      code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
    expect(toKafkaError(byCode).message).toMatch(/TLS handshake failed/);
    // Not TLS: a refused connection, and a SASL handshake request that timed out.
    expect(
      toKafkaError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:19098"), { name: "KafkaJSConnectionError", code: "ECONNREFUSED" })).message,
    ).not.toMatch(/TLS/);
    const saslTimeout = Object.assign(new Error("Request SaslHandshake(key: 17, version: 1) timed out"), { name: "KafkaJSRequestTimeoutError" });
    expect(toKafkaError(saslTimeout).message).not.toMatch(/TLS/);
  });
});
