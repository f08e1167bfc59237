import { describe, expect, it } from "vitest";
import { kafkaCall } from "./call";

/** kafkajs's retrier gives up with the last error inside (`cause`). */
const gaveUp = (type: string) =>
  Object.assign(new Error("Number of retries exceeded"), {
    name: "KafkaJSNumberOfRetriesExceeded",
    cause: Object.assign(new Error("no such topic"), { name: "KafkaJSProtocolError", type }),
  });

describe("kafkaCall", () => {
  it("asks again with fresh clients when Kafka says 'no such topic', even wrapped by kafkajs's retrier", async () => {
    let calls = 0;
    const answer = await kafkaCall("test", async () => {
      calls += 1;
      if (calls === 1) throw gaveUp("UNKNOWN_TOPIC_OR_PARTITION");
      return "fresh";
    });
    expect(answer).toBe("fresh");
    expect(calls).toBe(2);
  });

  it("answers 404 when the topic is still unknown the second time, and other failures at once", async () => {
    let calls = 0;
    await expect(
      kafkaCall("test", async () => {
        calls += 1;
        throw gaveUp("UNKNOWN_TOPIC_OR_PARTITION");
      }),
    ).rejects.toMatchObject({ status: 404, code: "TOPIC_NOT_FOUND" });
    expect(calls).toBe(2);
    calls = 0;
    await expect(
      kafkaCall("test", async () => {
        calls += 1;
        throw gaveUp("INVALID_REQUEST");
      }),
    ).rejects.toMatchObject({ status: 503, details: { kafkaError: "INVALID_REQUEST" } });
    expect(calls).toBe(1);
  });
});
