import "server-only";
import { singleFlight } from "./single-flight";

const entries = new Map<string, { value: unknown; expires: number }>();

/**
 * Serves a recent value for `key` if it is younger than `ttlMs`, else loads it once for
 * all concurrent callers (single flight). For cluster metadata polled by many viewers.
 */
export async function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const hit = entries.get(key);
  if (hit && hit.expires > Date.now()) return hit.value as T;
  return singleFlight(key, async () => {
    const value = await load();
    entries.set(key, { value, expires: Date.now() + ttlMs });
    return value;
  });
}

/** Forgets cached values whose key starts with `prefix` (after a change made through the console). */
export function invalidate(prefix: string): void {
  for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
}
