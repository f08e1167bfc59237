import { setTimeout as wait } from "node:timers/promises";

/**
 * Waits `ms`, or less when `signal` aborts; never throws. Node's timer removes its abort listener
 * when it fires, so a loop that sleeps on one long-lived signal leaves none behind.
 */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> => wait(ms, undefined, { signal }).catch(() => undefined);
