import "server-only";
import type { Broker } from "kafkajs";
import { Reader, Writer } from "./codec";
import type { BatchBuilder, BatchProducer } from "./record-batch-writer";
import { sendRawRequest } from "./send";

/*
 * Produce v7, written by hand: each partition's record batch is written by its BatchBuilder
 * straight into the request body, so a replay copies every record's bytes once (kafkajs's
 * producer would build message objects and encode them again). v7 is v3's request (brokers
 * refuse zstd batches below v7); its answer adds each partition's log start offset.
 */

const produceApiKey = 0;
const produceVersion = 7;
const produceTimeoutMs = 30_000;

/** One partition's batch of a Produce request, with the producer fields its header carries. */
export interface PartitionBatch {
  partition: number;
  builder: BatchBuilder;
  producer: BatchProducer;
}

export interface ProducedPartition {
  partition: number;
  errorCode: number;
}

/** A Produce v7 request body with each partition's batch written in place (no copy of a built batch). */
export function encodeProduce(transactionalId: string, topic: string, batches: PartitionBatch[], timeoutMs: number): Buffer {
  // Sized up front (strings at 3 bytes a UTF-16 unit at most) so the writer never grows: growing copies every batch.
  let capacity = 64 + (transactionalId.length + topic.length) * 3;
  for (const { builder } of batches) capacity += 4 + 4 + builder.size;
  const write = new Writer(capacity);
  write
    .string(transactionalId)
    .int16(-1) // acks: every in-sync replica (transactions require it)
    .int32(timeoutMs)
    .array([topic], (name) =>
      write
        .string(name)
        .array(batches, ({ partition, builder, producer }) =>
          write.int32(partition).bytesInPlace(builder.size, (buffer, at) => builder.writeTo(buffer, at, producer)),
        ),
    );
  return write.done();
}

/** Each partition's error code from a Produce v7 response body (0: written). */
export function decodeProduceResponse(body: Buffer): ProducedPartition[] {
  const read = new Reader(body);
  const topics = read.array(() => {
    read.string(); // topic: the one written to
    return read.array((): ProducedPartition => {
      const partition = read.int32();
      const errorCode = read.int16();
      read.skip(8 + 8 + 8); // base offset, log append time, log start offset
      return { partition, errorCode };
    });
  });
  return topics.flat();
}

/** One Produce v7 of `batches` to `topic` on `broker` (their partitions' leader): one round trip, answered per partition. */
export async function sendProduce(broker: Broker, transactionalId: string, topic: string, batches: PartitionBatch[]): Promise<ProducedPartition[]> {
  const body = encodeProduce(transactionalId, topic, batches, produceTimeoutMs);
  return decodeProduceResponse(await sendRawRequest(broker, { apiKey: produceApiKey, apiVersion: produceVersion, apiName: "Produce", body }));
}
