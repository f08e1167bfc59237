import "server-only";
import type { Broker } from "kafkajs";
import { AppError } from "../../http/errors";
import { Reader, Writer } from "./codec";
import { sendRawRequest } from "./send";

/*
 * Fetch v11, read by hand. kafkajs decodes every record of a fetch into objects with offsets
 * and timestamps as strings (64-bit Long arithmetic per record) before we see any of it; a
 * search wants the raw bytes instead, so it can skip a whole batch that does not contain what
 * is searched for and decode only what matches (see ./record-batch-reader).
 */

const fetchApiKey = 1;
const fetchVersion = 11;
export type Isolation = "read_uncommitted" | "read_committed";

export interface PartitionFetch {
  partition: number;
  fetchOffset: number;
  maxBytes: number;
}

export interface FetchedPartition {
  partition: number;
  errorCode: number;
  highWatermark: number;
  /** What a read_committed reader may reach; read_committed fetches stop there. */
  lastStableOffset: number;
  /** Transactions the broker reports as aborted in the fetched range (read_committed fetches only). */
  abortedTransactions: AbortedTransaction[];
  /** The partition's record batches; the last one may be cut short by the size limits. */
  records: Buffer | null;
}

export interface AbortedTransaction {
  producerId: bigint;
  firstOffset: number;
}

/** Kafka's error codes a partition of a Fetch answer may carry, by the names kafkajs gives them. */
export const fetchErrorNames: Record<number, string> = {
  1: "OFFSET_OUT_OF_RANGE",
  3: "UNKNOWN_TOPIC_OR_PARTITION",
  5: "LEADER_NOT_AVAILABLE",
  6: "NOT_LEADER_OR_FOLLOWER",
  29: "TOPIC_AUTHORIZATION_FAILED",
  74: "FENCED_LEADER_EPOCH",
  75: "UNKNOWN_LEADER_EPOCH",
  100: "UNKNOWN_TOPIC_ID",
};

/** A Fetch v11 request body for `partitions` of one topic, outside any fetch session. */
export function encodeFetchRequest(topic: string, partitions: PartitionFetch[], maxBytes: number, isolation: Isolation): Buffer {
  const write = new Writer(64 + topic.length * 3 + partitions.length * 28); // the body's size at most: one allocation
  write
    .int32(-1) // replica id: a consumer
    .int32(0) // max wait: everything asked for is below the high watermark
    .int32(1) // min bytes
    .int32(maxBytes)
    .int8(isolation === "read_committed" ? 1 : 0)
    .int32(0) // session id: no fetch session
    .int32(-1) // session epoch
    .array([topic], (name) =>
      write.string(name).array(partitions, (p) =>
        write
          .int32(p.partition)
          .int32(-1) // current leader epoch: unknown
          .int64(p.fetchOffset)
          .int64(-1) // log start offset: only followers send it
          .int32(p.maxBytes),
      ),
    )
    .int32(0) // forgotten topics: none
    .string(""); // rack id
  return write.done();
}

/** The partitions of a Fetch v11 response body, their record bytes left undecoded; a request-level error throws. */
export function decodeFetchResponse(body: Buffer): FetchedPartition[] {
  const read = new Reader(body);
  read.skip(4); // throttle time
  const errorCode = read.int16();
  read.skip(4); // session id
  if (errorCode !== 0)
    throw Object.assign(new Error(`Fetch failed with error ${fetchErrorNames[errorCode] ?? errorCode}`), { type: fetchErrorNames[errorCode] });
  const topics = read.array(() => {
    read.string(); // topic: the one asked for
    return read.array((): FetchedPartition => {
      const partition = read.int32();
      const code = read.int16();
      const highWatermark = read.int64();
      const lastStableOffset = read.int64();
      read.int64(); // log start offset
      const abortedTransactions = read.array(() => ({ producerId: read.bigint64(), firstOffset: read.int64() }));
      read.int32(); // preferred read replica
      const records = read.bytes();
      return { partition, errorCode: code, highWatermark, lastStableOffset, abortedTransactions, records };
    });
  });
  return topics.flat();
}

/**
 * One Fetch v11 to `broker` for `partitions` of `topic`, answered as raw record bytes per
 * partition (one round trip). Fails with KAFKA_UNSUPPORTED when the broker does not offer v11.
 */
export async function fetchRecords(
  broker: Broker,
  topic: string,
  partitions: PartitionFetch[],
  maxBytes: number,
  isolation: Isolation = "read_uncommitted",
): Promise<FetchedPartition[]> {
  const versions = (broker as unknown as { versions?: Record<number, { minVersion: number; maxVersion: number }> }).versions?.[fetchApiKey];
  if (versions && (versions.maxVersion < fetchVersion || versions.minVersion > fetchVersion)) {
    throw new AppError(
      "KAFKA_UNSUPPORTED",
      `The broker does not speak Fetch v${fetchVersion} (it offers v${versions.minVersion}–v${versions.maxVersion}); browsing needs Kafka 2.3 or later`,
    );
  }
  const body = encodeFetchRequest(topic, partitions, maxBytes, isolation);
  return decodeFetchResponse(await sendRawRequest(broker, { apiKey: fetchApiKey, apiVersion: fetchVersion, apiName: "Fetch", body }));
}
