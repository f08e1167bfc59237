import "server-only";
import type { Broker, Cluster } from "kafkajs";
import { fetchErrorNames } from "../kafka/protocol/fetch";
import { sendProduce, type PartitionBatch } from "../kafka/protocol/produce";
import type { BatchBuilder } from "../kafka/protocol/record-batch-writer";

/*
 * A transactional producer for one replay job, on kafkajs's connections: kafkajs's broker
 * methods for InitProducerId, AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit and
 * EndTxn; Produce v3 written by hand (../kafka/protocol/produce) with batches built from
 * the source's bytes. The transactional id is the job's: a second writer for the same job
 * (another console, or this one after a crash) fences the first, and the broker aborts what
 * the first left open.
 */

const transactionTimeoutMs = 60_000;
const coordinatorRetryMs = 30_000;

/** Kafka error codes this writer acts on. */
const codes = {
  coordinatorLoading: 14,
  coordinatorNotAvailable: 15,
  notCoordinator: 16,
  duplicateSequence: 46,
  invalidProducerEpoch: 47,
  concurrentTransactions: 51,
  producerFenced: 90,
  messageTooLarge: 10,
  recordListTooLarge: 18,
  unknownTopic: 3,
} as const;

const retriableAtCoordinator = new Set<number>([codes.coordinatorLoading, codes.coordinatorNotAvailable, codes.notCoordinator, codes.concurrentTransactions]);

/** Another writer took over this job's transactional id: this one must stop. */
export class FencedError extends Error {
  constructor() {
    super("Another console instance took over this replay (its producer was fenced)");
    this.name = "FencedError";
  }
}

/** Kafka refused the data itself (too large, no such topic): trying again cannot help. */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedError";
  }
}

function errorCode(error: unknown): number | undefined {
  const e = error as { code?: number; message?: string; type?: string };
  if (typeof e.code === "number" && e.code > 0) return e.code;
  const unknown = /Unknown error code (\d+)/.exec(e.message ?? "");
  if (unknown) return Number(unknown[1]);
  return undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isFenced(code: number | undefined): boolean {
  return code === codes.producerFenced || code === codes.invalidProducerEpoch;
}

interface TransactionIds {
  transactionalId: string;
  producerId: string;
  producerEpoch: number;
}

/** kafkajs's broker methods for transactions (public in its code, missing from its types). */
interface TransactionBroker {
  initProducerId(request: { transactionalId: string; transactionTimeout: number }): Promise<{ producerId: string; producerEpoch: number }>;
  addPartitionsToTxn(request: TransactionIds & { topics: Array<{ topic: string; partitions: number[] }> }): Promise<unknown>;
  addOffsetsToTxn(request: TransactionIds & { groupId: string }): Promise<unknown>;
  txnOffsetCommit(
    request: TransactionIds & {
      groupId: string;
      topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string; metadata?: string }> }>;
    },
  ): Promise<unknown>;
  endTxn(request: TransactionIds & { transactionResult: boolean }): Promise<unknown>;
}

export interface TransactionalWriterOptions {
  transactionalId: string;
  /** The consumer group whose committed offsets record how far the source has been copied. */
  progressGroup: string;
  sourceTopic: string;
  targetTopic: string;
}

export class TransactionalWriter {
  private producerId = -1n;
  private producerEpoch = -1;
  private readonly sequences = new Map<number, number>();
  private readonly inTransaction = new Set<number>();
  private transactionCoordinator: Broker | null = null;
  private groupCoordinator: TransactionBroker | null = null;

  constructor(
    private readonly cluster: Cluster,
    private readonly options: TransactionalWriterOptions,
  ) {}

  /**
   * Gets a producer id and epoch for the job's transactional id. The broker first finishes
   * whatever transaction an earlier writer left (commits it if its commit was requested,
   * aborts it otherwise) and fences that writer: afterwards the committed offsets of the
   * progress group are exact.
   */
  async init(): Promise<void> {
    const { producerId, producerEpoch } = await this.atCoordinator((broker) =>
      broker.initProducerId({ transactionalId: this.options.transactionalId, transactionTimeout: transactionTimeoutMs }),
    );
    this.producerId = BigInt(producerId);
    this.producerEpoch = Number(producerEpoch);
    this.sequences.clear();
    this.inTransaction.clear();
  }

  /** A request to the transaction coordinator, found again and retried while it moves or is busy. */
  private async atCoordinator<T>(call: (broker: TransactionBroker) => Promise<T>): Promise<T> {
    const deadline = Date.now() + coordinatorRetryMs;
    let wait = 10;
    for (;;) {
      try {
        // Coordinator type 1: the transaction coordinator of the id (kafkajs's types only name groups).
        this.transactionCoordinator ??= await this.cluster.findGroupCoordinator({ groupId: this.options.transactionalId, coordinatorType: 1 } as {
          groupId: string;
        });
        return await call(this.transactionCoordinator as unknown as TransactionBroker);
      } catch (error) {
        const code = errorCode(error);
        if (isFenced(code)) throw new FencedError();
        const moved = code === codes.notCoordinator || code === codes.coordinatorNotAvailable || (error as { name?: string }).name === "KafkaJSConnectionError";
        if (moved) this.transactionCoordinator = null;
        if ((!retriableAtCoordinator.has(code ?? -1) && !moved) || Date.now() > deadline) throw error;
        await sleep(wait);
        wait = Math.min(wait * 2, 500);
        if (moved) await this.cluster.refreshMetadata().catch(() => undefined);
      }
    }
  }

  /** Adds the target's partitions to the open transaction (once per transaction). */
  async begin(partitions: number[]): Promise<void> {
    const added = partitions.filter((p) => !this.inTransaction.has(p));
    if (added.length === 0) return;
    await this.atCoordinator((broker) =>
      broker.addPartitionsToTxn({
        transactionalId: this.options.transactionalId,
        producerId: String(this.producerId),
        producerEpoch: this.producerEpoch,
        topics: [{ topic: this.options.targetTopic, partitions: added }],
      }),
    );
    for (const p of added) this.inTransaction.add(p);
  }

  /**
   * Writes the builders' batches (one list per target partition, written in order) inside the
   * open transaction (`begin` added their partitions). Sequence numbers are taken and requests
   * sent before this returns, so calls made one after another reach each partition in order;
   * the promise settles when every answer is in. Any failure leaves the transaction to be
   * aborted by the caller.
   */
  async produce(batches: Map<number, BatchBuilder[]>): Promise<void> {
    const topic = this.options.targetTopic;
    const outside = [...batches.keys()].filter((p) => !this.inTransaction.has(p));
    if (outside.length > 0) throw new Error(`partitions ${outside.join(", ")} were not added to the transaction`);
    // Rounds are sent without waiting for the previous one's answer (an idempotent producer may
    // have several requests in flight per partition; the broker keeps them in sequence order).
    // A failed round fails the transaction, which is then aborted and redone as a whole.
    const rounds = Math.max(0, ...[...batches.values()].map((list) => list.length));
    const requests: Array<Promise<void>> = [];
    for (let round = 0; round < rounds; round++) {
      const partitions = [...batches.keys()].filter((p) => batches.get(p)![round]);
      for (const [nodeId, led] of Object.entries(this.cluster.findLeaderForPartitions(topic, partitions))) {
        const encoded = led.map((partition) => {
          const builder = batches.get(partition)![round]!;
          const baseSequence = this.sequences.get(partition) ?? 0;
          this.sequences.set(partition, (baseSequence + builder.count) % 2 ** 31);
          return { partition, builder, producer: { producerId: this.producerId, producerEpoch: this.producerEpoch, baseSequence, transactional: true } };
        });
        requests.push(this.sendRound(nodeId, encoded));
      }
    }
    const failed = (await Promise.allSettled(requests)).find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** One Produce to one leader; any partition's error fails it. */
  private async sendRound(nodeId: string, encoded: PartitionBatch[]): Promise<void> {
    const topic = this.options.targetTopic;
    const broker = await this.cluster.findBroker({ nodeId });
    const answers = await sendProduce(broker, this.options.transactionalId, topic, encoded);
    for (const { partition, errorCode: code } of answers) {
      if (code === 0 || code === codes.duplicateSequence) continue;
      if (isFenced(code)) throw new FencedError();
      if (code === codes.messageTooLarge || code === codes.recordListTooLarge)
        throw new RefusedError(`Topic "${topic}" refused a batch as too large (see its max.message.bytes)`);
      throw Object.assign(new Error(`Writing partition ${partition} of "${topic}" failed: ${fetchErrorNames[code] ?? `Kafka error ${code}`}`), { code });
    }
  }

  /** Commits the transaction together with the source positions reached (next offset to copy, per partition). */
  async commit(positions: Map<number, number>, metadata?: (partition: number) => string): Promise<void> {
    const { transactionalId, progressGroup, sourceTopic } = this.options;
    const producerId = String(this.producerId);
    const producerEpoch = this.producerEpoch;
    await this.atCoordinator((broker) => broker.addOffsetsToTxn({ transactionalId, producerId, producerEpoch, groupId: progressGroup }));
    this.groupCoordinator ??= (await this.cluster.findGroupCoordinator({ groupId: progressGroup })) as unknown as TransactionBroker;
    await this.groupCoordinator.txnOffsetCommit({
      transactionalId,
      groupId: progressGroup,
      producerId,
      producerEpoch,
      topics: [
        {
          topic: sourceTopic,
          partitions: [...positions].map(([partition, offset]) => ({ partition, offset: String(offset), metadata: metadata?.(partition) })),
        },
      ],
    });
    await this.atCoordinator((broker) => broker.endTxn({ transactionalId, producerId, producerEpoch, transactionResult: true }));
    this.inTransaction.clear();
  }

  /**
   * Ends a failed transaction: aborts it, then starts over with a new epoch (sequence
   * numbers from 0). If the abort itself fails, InitProducerId aborts it instead.
   */
  async abortAndReset(): Promise<void> {
    try {
      await this.atCoordinator((broker) =>
        broker.endTxn({
          transactionalId: this.options.transactionalId,
          producerId: String(this.producerId),
          producerEpoch: this.producerEpoch,
          transactionResult: false,
        }),
      );
    } catch (error) {
      if (error instanceof FencedError) throw error;
    }
    this.transactionCoordinator = null;
    this.groupCoordinator = null;
    await this.cluster.refreshMetadata().catch(() => undefined);
    await this.init();
  }
}
