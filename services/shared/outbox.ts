import type { Collection } from "mongodb";
import type { CompressionTypes, Message, Producer } from "kafkajs";
import type { Logger } from "pino";
import { toKafkaMessage, type OutboxEntry } from "./events";
import type { KeyedLock } from "./keyed-lock";
import type { ServiceMetrics } from "./metrics";

/**
 * An aggregate document that carries its own outbox. A change and the events it
 * causes are written in one single-document update — atomic without multi-document
 * transactions, which the local MongoDB wire server does not have — and the relay
 * publishes them afterwards (at least once; consumers are idempotent).
 */
export interface OutboxDocument {
  _id: string;
  version: number;
  outbox: OutboxEntry[];
  hasOutbox: boolean;
}

/** The update fragment that queues `entries` on a document's outbox. */
export function queueEvents(entries: OutboxEntry[]) {
  return { $push: { outbox: { $each: entries } }, $set: { hasOutbox: true } } as const;
}

interface RelayOptions<T extends OutboxDocument> {
  collection: Collection<T>;
  producer: Producer;
  topic: string;
  metrics: ServiceMetrics;
  log: Logger;
  /** The service's per-aggregate write lock (see KeyedLock). */
  lock: KeyedLock;
  /** The Kafka message of an entry (default: the JSON envelope) and the codec of the batches. */
  toMessage?: (entry: OutboxEntry) => Message;
  compression?: CompressionTypes;
  /** How often documents not kicked by this process (after a crash, say) are looked for. */
  sweepIntervalMs?: number;
}

/** Publishes the outboxes of documents this process changed at once, and sweeps for leftovers. */
export class OutboxRelay<T extends OutboxDocument = OutboxDocument> {
  private readonly kicked = new Set<string>();
  private wake?: () => void;
  private running = false;
  private loop?: Promise<void>;
  private lastSweep = 0;

  private readonly collection: Collection<OutboxDocument>;

  constructor(private readonly options: RelayOptions<T>) {
    // The relay only touches the outbox fields every such document has.
    this.collection = options.collection as unknown as Collection<OutboxDocument>;
  }

  /** Asks the relay to publish this document's outbox soon. */
  kick(id: string): void {
    this.kicked.add(id);
    this.wake?.();
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after publishing what is queued. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.flush(true).catch((error: unknown) => this.options.log.error({ err: error }, "final outbox flush failed"));
  }

  private async run(): Promise<void> {
    const sweepEvery = this.options.sweepIntervalMs ?? 30_000;
    while (this.running) {
      try {
        const sweep = Date.now() - this.lastSweep >= sweepEvery;
        const published = await this.flush(sweep);
        if (published > 0) continue;
      } catch (error) {
        this.options.log.error({ err: error }, "outbox flush failed; retrying");
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(sweepEvery, 1000));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Publishes one round of outboxes; returns how many events went out. */
  async flush(sweep: boolean): Promise<number> {
    const { producer, topic, metrics } = this.options;
    const collection = this.collection;
    if (sweep) {
      this.lastSweep = Date.now();
      // A full scan on the local wire server (it uses no index here): only as a safety net.
      const leftovers = await collection
        .find({ hasOutbox: true }, { projection: { _id: 1 } })
        .limit(1000)
        .toArray();
      for (const { _id } of leftovers) this.kicked.add(_id);
    }
    const ids = [...this.kicked].slice(0, 200);
    if (ids.length === 0) return 0;
    for (const id of ids) this.kicked.delete(id);
    // One lookup by _id each: equality on _id is what every MongoDB-wire server answers from its primary key.
    const found = await Promise.all(ids.map((_id) => collection.findOne({ _id }, { projection: { _id: 1, outbox: 1 } })));
    const documents = found.filter((doc): doc is OutboxDocument => !!doc && doc.outbox.length > 0);
    const entries = documents.flatMap((doc) => doc.outbox);
    if (entries.length === 0) return 0;
    // One batch keeps each aggregate's events in order: same key, same partition, in array order.
    await producer.send({ topic, messages: entries.map(this.options.toMessage ?? toKafkaMessage), compression: this.options.compression });
    for (const { event } of entries) metrics.eventsProduced.inc({ topic, type: event.type });
    // Remove exactly the published entries (whatever was queued meanwhile stays), then
    // lower the flag where nothing is left. `$pullAll` with the entries as read: the
    // local wire server ignores `$pull` conditions on embedded fields.
    await Promise.all(
      documents.map((doc) =>
        this.options.lock.run(doc._id, async () => {
          await collection.updateOne({ _id: doc._id }, { $pullAll: { outbox: doc.outbox } });
          await collection.updateOne({ _id: doc._id, outbox: { $size: 0 } }, { $set: { hasOutbox: false } });
        }),
      ),
    );
    return entries.length;
  }
}
