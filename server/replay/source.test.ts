import { describe, expect, it } from "vitest";
import type { FetchedPartition } from "../kafka/protocol/fetch";
import { BatchBuilder } from "../kafka/protocol/record-batch-writer";
import { committedBatches } from "../kafka/protocol/committed-batches";

/** A batch of `count` records at `baseOffset` from `producerId`; control batches carry one marker record. */
function batch(baseOffset: number, count: number, producerId: bigint, kind: "data" | "txn" | "control"): Buffer {
  const builder = new BatchBuilder();
  for (let i = 0; i < count; i++) builder.add({ key: null, value: Buffer.from(`v${baseOffset + i}`), timestamp: 1, headers: null, headerCount: 0 });
  const bytes = builder.build({ producerId, producerEpoch: 0, baseSequence: 0, transactional: kind !== "data" });
  bytes.writeBigInt64BE(BigInt(baseOffset), 0);
  if (kind === "control") bytes.writeInt16BE(bytes.readInt16BE(21) | 0x20, 21);
  return bytes;
}

function readable(parts: Buffer[], aborted: Array<{ producerId: bigint; firstOffset: number }>): number[] {
  const fetched: FetchedPartition = {
    partition: 0,
    errorCode: 0,
    highWatermark: 0,
    lastStableOffset: 0,
    abortedTransactions: aborted,
    records: Buffer.concat(parts),
  };
  return [...committedBatches(fetched)].filter((b) => b.readable).map((b) => b.batch.baseOffset);
}

describe("committedBatches", () => {
  it("leaves out aborted transactions and markers, keeps committed and plain batches", () => {
    const parts = [
      batch(0, 2, 1n, "data"),
      batch(2, 3, 7n, "txn"), // aborted
      batch(5, 2, 8n, "txn"), // committed
      batch(7, 1, 7n, "control"), // abort marker of 7
      batch(8, 1, 8n, "control"), // commit marker of 8
      batch(9, 2, 7n, "txn"), // producer 7 again, committed later
      batch(11, 1, 7n, "control"),
    ];
    expect(readable(parts, [{ producerId: 7n, firstOffset: 2 }])).toEqual([0, 5, 9]);
  });

  it("reads everything when nothing was aborted", () => {
    expect(readable([batch(0, 2, 3n, "txn"), batch(2, 1, 3n, "control"), batch(3, 1, 4n, "data")], [])).toEqual([0, 3]);
  });
});
