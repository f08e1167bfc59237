import "server-only";
import { Reader, Writer } from "./codec";
import { sendRawRequest } from "./send";

/* DescribeLogDirs v1, which kafkajs does not have: written and read by hand. */

const describeLogDirsApiKey = 35;
const logDirErrors: Record<number, string> = { 0: "", 56: "KAFKA_STORAGE_ERROR", 29: "CLUSTER_AUTHORIZATION_FAILED", 35: "UNSUPPORTED_VERSION" };

export interface LogDir {
  path: string;
  /** Kafka's error name for an offline or failed directory, else null. */
  error: string | null;
  bytes: number;
  topics: Array<{ topic: string; bytes: number; partitions: number }>;
}

/** Decodes a DescribeLogDirs v1 response body into directories with per-topic sizes (future replicas left out). */
export function decodeDescribeLogDirsV1(body: Buffer): LogDir[] {
  const read = new Reader(body);
  read.int32(); // throttle time
  return read.array(() => {
    const code = read.int16();
    const path = read.string();
    const topics = read.array(() => {
      const topic = read.string();
      const partitions = read.array(() => {
        read.int32(); // partition
        const size = read.int64();
        read.int64(); // offset lag of a future replica
        const future = read.int8() !== 0;
        return future ? 0 : size;
      });
      return { topic, bytes: partitions.reduce((a, b) => a + b, 0), partitions: partitions.length };
    });
    const bytes = topics.reduce((sum, t) => sum + t.bytes, 0);
    return { path, error: code === 0 ? null : (logDirErrors[code] ?? `error ${code}`), bytes, topics: topics.sort((a, b) => b.bytes - a.bytes) };
  });
}

/** DescribeLogDirs v1 for every topic on `broker` (a kafkajs broker): one round trip. */
export async function describeLogDirsOf(broker: object): Promise<LogDir[]> {
  const body = new Writer(4).int32(-1).done(); // topics: null, that is all of them
  return decodeDescribeLogDirsV1(await sendRawRequest(broker, { apiKey: describeLogDirsApiKey, apiVersion: 1, apiName: "DescribeLogDirs", body }));
}
