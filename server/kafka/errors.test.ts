import { describe, expect, it } from "vitest";
import { toKafkaError } from "./errors";

describe("toKafkaError", () => {
  it("answers 503 while a partition's leadership moves, with Kafka's error type", () => {
    const error = Object.assign(new Error("This server is not the leader for that topic-partition"), { name: "KafkaJSProtocolError", type: "NOT_LEADER_FOR_PARTITION" });
    expect(toKafkaError(error)).toMatchObject({ status: 503, code: "KAFKA_UNAVAILABLE", details: { kafkaError: "NOT_LEADER_FOR_PARTITION" } });
  });

  it("answers 503 when Kafka cannot be reached and 502 for other failures", () => {
    expect(toKafkaError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:19092"), { name: "KafkaJSConnectionError" })).status).toBe(503);
    expect(toKafkaError(Object.assign(new Error("Invalid request"), { name: "KafkaJSProtocolError", type: "INVALID_REQUEST" }))).toMatchObject({ status: 502, details: { kafkaError: "INVALID_REQUEST" } });
  });

  it("answers 503 naming the settings when Kafka refuses the console's SASL credentials", () => {
    const error = Object.assign(new Error("SASL PLAIN authentication failed: Authentication failed: Invalid username or password"), { name: "KafkaJSSASLAuthenticationError" });
    const mapped = toKafkaError(error);
    expect(mapped.status).toBe(503);
    expect(mapped.message).toMatch(/KAFKA_SASL_USERNAME/);
  });

  it("answers 503 naming the TLS settings when the broker's certificate is not trusted or the listener speaks no TLS", () => {
    const untrusted = Object.assign(new Error("Connection error: self-signed certificate in certificate chain"), { name: "KafkaJSConnectionError" });
    expect(toKafkaError(untrusted)).toMatchObject({ status: 503, message: expect.stringMatching(/TLS handshake failed .*KAFKA_TLS_CA_FILE/) });
    const wrapped = Object.assign(new Error("Connection error"), { name: "KafkaJSNonRetriableError", cause: new Error("SSL routines:ssl3_get_record:wrong version number") });
    expect(toKafkaError(wrapped).message).toMatch(/TLS handshake failed/);
    expect(toKafkaError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:19098"), { name: "KafkaJSConnectionError" })).message).not.toMatch(/TLS/);
  });
});
