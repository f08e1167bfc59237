import "server-only";

/**
 * Failed sign-ins remembered per key (an account, an address) for a window; beyond the
 * limit the key is refused until its oldest failure leaves the window.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length < this.limit ? 0 : Math.ceil((recent[0]! + this.windowMs - now) / 1000);
  }

  fail(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}

const cache = globalThis as unknown as { eventdeckSignInLimits?: { account: FailureLimiter; address: FailureLimiter } };

/** 5 failures per account and 20 per address in 5 minutes. */
export function signInLimits(): { account: FailureLimiter; address: FailureLimiter } {
  cache.eventdeckSignInLimits ??= { account: new FailureLimiter(5, 5 * 60_000), address: new FailureLimiter(20, 5 * 60_000) };
  return cache.eventdeckSignInLimits;
}
