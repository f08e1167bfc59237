/**
 * Serialises work per key within this process. The local MongoDB wire server applies
 * an update as read, modify, write back — not atomically — so two concurrent updates
 * of one document can lose one of them. Every writer of an aggregate in a service
 * (HTTP handlers, consumers, the outbox relay) takes the aggregate's lock first.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
