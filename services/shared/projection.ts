import type { Collection, Db, Document } from "mongodb";
import type { EventConsumer as Consumer, HandleOutcome } from "./consumer";
import type { OutboxEntry } from "./events";
import type { ServiceRuntime } from "./runtime";

/** Which collection and consumer group serve a projection now (kept in the service's `projections` collection). */
interface ActiveProjection {
  _id: string;
  collection: string;
  /** Group name within the storefront's namespace. */
  groupName: string;
  generation: number;
  rebuiltAt: string | null;
}

export interface ProjectionInfo {
  name: string;
  database: string;
  collection: string;
  groupId: string;
  topic: string;
  state: "live" | "rebuilding";
  rebuiltAt: string | null;
  /** A rebuild into a new collection under a new group, running beside the live one. */
  shadow: { collection: string; groupId: string; startedAt: string } | null;
}

/**
 * A read model fed by one consumer group. It can be rebuilt two ways:
 * - in place: stop the group, drop the collection, rewind the group to the earliest
 *   offsets and consume again (the read model is empty meanwhile);
 * - beside the live one: a shadow collection fed by a new group from the earliest offsets;
 *   once it has caught up, `swapShadow` makes it the live one in a single step (the
 *   shadow's consumer simply goes on as the live consumer), so readers never see an
 *   empty read model. Which collection is live is kept in the `projections` collection.
 */
export class RebuildableProjection<T extends Document> {
  private consumer?: Consumer;
  private active!: ActiveProjection;
  private shadow: { collection: string; groupName: string; consumer: Consumer; startedAt: string; generation: number } | null = null;
  state: "live" | "rebuilding" = "live";

  constructor(
    private readonly runtime: ServiceRuntime,
    readonly name: string,
    private readonly defaultGroupName: string,
    readonly topic: string,
    private readonly db: Db,
    private readonly apply: (collection: Collection<T>, entry: OutboxEntry) => Promise<HandleOutcome>,
  ) {}

  private get pointers(): Collection<ActiveProjection> {
    return this.db.collection<ActiveProjection>("projections");
  }

  /** The collection readers use now. */
  collection(): Collection<T> {
    return this.db.collection<T>(this.active.collection);
  }

  get groupId(): string {
    return this.runtime.names.group(this.active.groupName);
  }

  async start(): Promise<void> {
    this.active = (await this.pointers.findOne({ _id: this.name })) ?? {
      _id: this.name,
      collection: this.name,
      groupName: this.defaultGroupName,
      generation: 0,
      rebuiltAt: null,
    };
    this.consumer = await this.consume(this.active.groupName, () => this.collection());
  }

  private consume(groupName: string, target: () => Collection<T>): Promise<Consumer> {
    return this.runtime.consume(groupName, [this.topic], (entry) => this.apply(target(), entry));
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  info(): ProjectionInfo {
    return {
      name: this.name,
      database: this.db.databaseName,
      collection: this.active.collection,
      groupId: this.groupId,
      topic: this.topic,
      state: this.state,
      rebuiltAt: this.active.rebuiltAt,
      shadow: this.shadow
        ? { collection: this.shadow.collection, groupId: this.runtime.names.group(this.shadow.groupName), startedAt: this.shadow.startedAt }
        : null,
    };
  }

  /** In place: drop, rewind, consume again. */
  async rebuild(): Promise<void> {
    if (this.state === "rebuilding") return;
    this.state = "rebuilding";
    try {
      const started = Date.now();
      this.runtime.log.info({ projection: this.name }, "rebuilding projection from the earliest offsets");
      await this.stop();
      await this.collection()
        .drop()
        .catch(() => undefined);
      const admin = this.runtime.kafka.admin();
      await admin.connect();
      try {
        // kafkajs commits the rewind through a short-lived consumer of the group: about 5 s.
        await admin.resetOffsets({ groupId: this.groupId, topic: this.topic, earliest: true });
      } finally {
        await admin.disconnect();
      }
      this.consumer = await this.consume(this.active.groupName, () => this.collection());
      this.runtime.log.info({ projection: this.name, ms: Date.now() - started }, "projection consuming from the earliest offsets again");
      this.active.rebuiltAt = new Date().toISOString();
    } finally {
      this.state = "live";
    }
  }

  /** Starts building a shadow copy from the earliest offsets under a group of its own; the live one keeps serving. */
  async startShadow(): Promise<ProjectionInfo> {
    if (this.shadow || this.state === "rebuilding") throw new Error(`a rebuild of ${this.name} is already running`);
    const generation = this.active.generation + 1;
    const collection = `${this.name}_v${generation}`;
    const groupName = `${this.defaultGroupName}.v${generation}`;
    await this.db
      .collection(collection)
      .drop()
      .catch(() => undefined);
    const consumer = await this.consume(groupName, () => this.db.collection<T>(collection));
    this.shadow = { collection, groupName, consumer, startedAt: new Date().toISOString(), generation };
    this.state = "rebuilding";
    this.runtime.log.info({ projection: this.name, collection, group: groupName }, "building a shadow projection");
    return this.info();
  }

  /**
   * Makes the shadow the live projection: the pointer moves in one write, readers switch at
   * once, the shadow's consumer goes on as the live one, and the old collection and group go.
   */
  async swapShadow(): Promise<ProjectionInfo> {
    const shadow = this.shadow;
    if (!shadow) throw new Error(`no shadow build of ${this.name} is running`);
    const old = { ...this.active };
    const next: ActiveProjection = {
      _id: this.name,
      collection: shadow.collection,
      groupName: shadow.groupName,
      generation: shadow.generation,
      rebuiltAt: new Date().toISOString(),
    };
    await this.pointers.updateOne({ _id: this.name }, { $set: next }, { upsert: true });
    this.active = next;
    const oldConsumer = this.consumer;
    this.consumer = shadow.consumer;
    this.shadow = null;
    this.state = "live";
    await oldConsumer?.disconnect();
    await this.db
      .collection(old.collection)
      .drop()
      .catch(() => undefined);
    const admin = this.runtime.kafka.admin();
    await admin.connect();
    await admin.deleteGroups([this.runtime.names.group(old.groupName)]).catch(() => undefined);
    await admin.disconnect();
    this.runtime.log.info({ projection: this.name, collection: next.collection, group: next.groupName }, "shadow projection is live");
    return this.info();
  }

  /** Abandons a shadow build: its consumer stops, its collection and group go. */
  async dropShadow(): Promise<ProjectionInfo> {
    const shadow = this.shadow;
    if (!shadow) throw new Error(`no shadow build of ${this.name} is running`);
    this.shadow = null;
    this.state = "live";
    await shadow.consumer.disconnect();
    await this.db
      .collection(shadow.collection)
      .drop()
      .catch(() => undefined);
    const admin = this.runtime.kafka.admin();
    await admin.connect();
    await admin.deleteGroups([this.runtime.names.group(shadow.groupName)]).catch(() => undefined);
    await admin.disconnect();
    return this.info();
  }
}
