import type { Consumer } from "kafkajs";
import type { ServiceRuntime } from "./runtime";

/**
 * A read model fed by one consumer group: it can be rebuilt from its topic by
 * stopping the group, dropping the collection, rewinding the group to the earliest
 * offsets and consuming again.
 */
export class RebuildableProjection {
  private consumer?: Consumer;
  state: "live" | "rebuilding" = "live";
  rebuiltAt?: string;

  constructor(
    private readonly runtime: ServiceRuntime,
    readonly name: string,
    readonly groupId: string,
    readonly topic: string,
    private readonly collection: { drop(): Promise<unknown> },
    private readonly startConsumer: () => Promise<Consumer>,
  ) {}

  async start(): Promise<void> {
    this.consumer = await this.startConsumer();
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  async rebuild(): Promise<void> {
    if (this.state === "rebuilding") return;
    this.state = "rebuilding";
    try {
      const started = Date.now();
      this.runtime.log.info({ projection: this.name }, "rebuilding projection from the earliest offsets");
      await this.stop();
      await this.collection.drop().catch(() => undefined);
      const admin = this.runtime.kafka.admin();
      await admin.connect();
      try {
        // kafkajs commits the rewind through a short-lived consumer of the group: about 5 s.
        await admin.resetOffsets({ groupId: this.groupId, topic: this.topic, earliest: true });
      } finally {
        await admin.disconnect();
      }
      await this.start();
      this.runtime.log.info({ projection: this.name, ms: Date.now() - started }, "projection consuming from the earliest offsets again");
      this.rebuiltAt = new Date().toISOString();
    } finally {
      this.state = "live";
    }
  }
}
