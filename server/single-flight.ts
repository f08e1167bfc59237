import "server-only";

const inFlight = new Map<string, Promise<unknown>>();

/**
 * Coalesces identical concurrent backend calls: while a call for `key` is running,
 * later callers get the same promise instead of starting another round trip.
 */
export function singleFlight<T>(key: string, call: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key);
  if (running) return running as Promise<T>;
  const started = call().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}
