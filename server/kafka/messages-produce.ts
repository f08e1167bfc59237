import "server-only";
import type { Producer } from "kafkajs";
import type { z } from "zod";
import type { produceMessageSchema, ProduceResult } from "@/lib/schemas/kafka-messages";
import { invalidate } from "../cache";
import { AppError } from "../http/errors";
import { encodeWithSchema } from "../schema-registry/encode";
import { kafkaCall } from "./call";
import { kafkajsCompression } from "./kafkajs-codecs";
import { getMessageProducer, resetMessageProducer } from "./messages-client";
import { checkPartitions, topicPartitions } from "./messages-plan";

type ProduceInput = z.output<typeof produceMessageSchema>;

function send(producer: Producer, topic: string, input: ProduceInput, value: string | Buffer) {
  return producer.send({
    topic,
    acks: -1,
    compression: kafkajsCompression[input.compression],
    messages: [
      {
        key: input.key,
        value,
        partition: input.partition,
        headers: Object.fromEntries(groupHeaders(input.headers)),
      },
    ],
  });
}

/** kafkajs takes repeated header names as an array of values. */
function groupHeaders(headers: Array<{ name: string; value: string }>): Map<string, string | string[]> {
  const grouped = new Map<string, string | string[]>();
  for (const { name, value } of headers) {
    const seen = grouped.get(name);
    grouped.set(name, seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]);
  }
  return grouped;
}

/**
 * Writes one message (acks from every in-sync replica) and answers where it landed:
 * 404 for an unknown topic, 400 for a partition the topic does not have, 413 when the
 * broker refuses the size. One Produce round trip, plus a metadata refresh the first time.
 */
export async function produceMessage(topic: string, input: ProduceInput): Promise<ProduceResult> {
  const partitions = await topicPartitions(topic);
  if (input.partition !== undefined) checkPartitions(topic, partitions, [input.partition]);
  const value = input.valueFormat === "schema" && input.valueSchema ? await encodeWithSchema(input.valueSchema, JSON.parse(input.value)) : input.value;
  const attempt = async () => {
    const [sent] = await send(await getMessageProducer(), topic, input, value);
    if (!sent) throw new AppError("KAFKA_ERROR", "Kafka did not say where the message was written");
    return { topic, partition: sent.partition, offset: String(sent.baseOffset ?? sent.offset ?? "") };
  };
  try {
    const result = await kafkaCall("produce", async () => {
      try {
        return await attempt();
      } catch (error) {
        const type = (error as { type?: string }).type;
        if (type === "MESSAGE_TOO_LARGE" || type === "RECORD_LIST_TOO_LARGE") throw error;
        // A producer that once wrote to a since-deleted topic fails every metadata refresh: start afresh once.
        await resetMessageProducer();
        return await attempt();
      }
    });
    invalidate(`kafka:watermarks:${topic}`);
    return result;
  } catch (error) {
    const type = (error as { type?: string }).type ?? (error as { cause?: { type?: string } }).cause?.type;
    if (type === "MESSAGE_TOO_LARGE" || type === "RECORD_LIST_TOO_LARGE") {
      throw new AppError("TOO_LARGE", `Kafka refused the message as too large for topic "${topic}" (see its max.message.bytes)`);
    }
    throw error;
  }
}
