import "server-only";
import type { FetchedPartition } from "./fetch";
import { recordBatches, type RecordBatch, type UnreadableBatch } from "./record-batch-reader";

/**
 * The batches of one fetched partition a read_committed consumer reads, in order:
 * transaction markers and batches of aborted transactions are left out (Kafka's rule: a
 * producer's batches are aborted from the first offset the broker lists for it until its
 * next marker). Yields every batch with `readable` set so positions can move past the rest;
 * a batch that cannot be read at all goes to `onUnreadable` (see recordBatches).
 */
export function* committedBatches(
  fetched: Pick<FetchedPartition, "partition" | "records" | "abortedTransactions">,
  onUnreadable?: (batch: UnreadableBatch) => void,
): Generator<{ batch: RecordBatch; readable: boolean }> {
  const pending = [...fetched.abortedTransactions].sort((a, b) => a.firstOffset - b.firstOffset);
  const aborted = new Set<bigint>();
  for (const batch of recordBatches(fetched.records ?? Buffer.alloc(0), fetched.partition, onUnreadable)) {
    while (pending.length > 0 && pending[0]!.firstOffset <= batch.lastOffset) aborted.add(pending.shift()!.producerId);
    if (batch.isControl) {
      aborted.delete(batch.producerId);
      yield { batch, readable: false };
      continue;
    }
    yield { batch, readable: !(batch.isTransactional && aborted.has(batch.producerId)) };
  }
}
