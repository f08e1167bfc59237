import { setTimeout as sleep } from "node:timers/promises";

export interface LoadOptions {
  accountsUrl: string;
  ordersUrl: string;
  /** Orders per second offered (open loop: the schedule does not wait for answers). */
  rate: number;
  durationMs: number;
  customers: number;
  /** Share of customers made inactive, whose orders end rejected. */
  inactiveShare: number;
  /** Requests in flight at most; past it, the offered rate is not reached (and reported). */
  maxInFlight: number;
  /** After placing, wait up to this long for every order to reach a final state (0: don't). */
  waitMs: number;
  onProgress?: (line: string) => void;
}

export interface LoadReport {
  offered: number;
  accepted: number;
  errors: Record<string, number>;
  acceptedPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  completed?: { succeeded: number; failed: number; pending: number; processedPerSecond: number };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from a service; callers check its shape
async function post(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

/** Creates customers, waits until orders knows them, and returns their ids. */
async function prepareCustomers(options: LoadOptions): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < options.customers; i++) {
    const created = await post(`${options.accountsUrl}/customers`, {
      name: `Load customer ${i}`,
      email: `load${i}-${Date.now()}@example.com`,
      address: { street: `${i} Load St`, city: "Bergen", zip: "5003", country: "NO" },
      creditLimit: 500,
    });
    if (created.status !== 201) throw new Error(`accounts refused a customer: ${created.status} ${JSON.stringify(created.body)}`);
    ids.push(created.body._id);
  }
  const inactive = ids.slice(0, Math.round(ids.length * options.inactiveShare));
  for (const id of inactive) {
    await fetch(`${options.accountsUrl}/customers/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "inactive" }),
    });
  }
  const deadline = Date.now() + 60_000;
  for (const id of ids) {
    const wantStatus = inactive.includes(id) ? "inactive" : "active";
    for (;;) {
      const copy = await fetch(`${options.ordersUrl}/customers/${id}`).then((r) => (r.ok ? r.json() : undefined));
      if (copy?.status === wantStatus) break;
      if (Date.now() > deadline) throw new Error(`orders did not learn of customer ${id} within 60 s`);
      await sleep(100);
    }
  }
  return ids;
}

/** Places orders at the given rate for the given time and reports what the storefront did with them. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const customers = await prepareCustomers(options);
  const total = Math.max(1, Math.round((options.rate * options.durationMs) / 1000));
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const operations: string[] = [];
  let inFlight = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];

  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    while (inFlight >= options.maxInFlight) await sleep(1);
    inFlight++;
    const sent = performance.now();
    // Some orders are large enough to be over the customer's credit limit and end rejected.
    const unitPrice = i % 20 === 0 ? 400 : 10 + (i % 7);
    const customerId = customers[i % customers.length]!;
    pending.push(
      post(`${options.ordersUrl}/orders`, { customerId, items: [{ sku: `SKU-${i % 50}`, quantity: 2, unitPrice }] })
        .then(
          (answer) => {
            if (answer.status === 202) {
              latencies.push(performance.now() - sent);
              operations.push(answer.body.operationId);
            } else errors[String(answer.status)] = (errors[String(answer.status)] ?? 0) + 1;
          },
          (error: unknown) => {
            const key = (error as Error).name || "network";
            errors[key] = (errors[key] ?? 0) + 1;
          },
        )
        .finally(() => inFlight--),
    );
    if (options.onProgress && i > 0 && i % Math.max(1, Math.round(options.rate * 5)) === 0) {
      options.onProgress(`${i}/${total} orders placed, ${operations.length} accepted`);
    }
  }
  await Promise.all(pending);
  const placedSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const report: LoadReport = {
    offered: total,
    accepted: operations.length,
    errors,
    acceptedPerSecond: Math.round((operations.length / placedSeconds) * 10) / 10,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) },
  };
  if (options.waitMs > 0) report.completed = await waitForOutcomes(options, operations, started);
  return report;
}

/**
 * Polls operations until each is final or the wait runs out. Orders finish roughly in
 * the order they were placed, so only the oldest open ones are asked about, a few at a
 * time: the poll must not become the load that slows the storefront down.
 */
async function waitForOutcomes(options: LoadOptions, operations: string[], started: number) {
  const outcome = new Map<string, string>();
  const deadline = Date.now() + options.waitMs;
  let open = [...operations];
  let lastProgress = 0;
  while (open.length > 0 && Date.now() < deadline) {
    const answers = await Promise.all(
      open.slice(0, 20).map(async (id) => [id, (await fetch(`${options.ordersUrl}/operations/${id}`).then((r) => r.json())).status as string] as const),
    );
    for (const [id, status] of answers) if (status !== "pending") outcome.set(id, status);
    const before = open.length;
    open = open.filter((id) => !outcome.has(id));
    if (open.length === before) await sleep(200);
    if (options.onProgress && Date.now() - lastProgress > 5000) {
      lastProgress = Date.now();
      options.onProgress(`${operations.length - open.length}/${operations.length} orders final`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const succeeded = [...outcome.values()].filter((s) => s === "succeeded").length;
  const failed = [...outcome.values()].filter((s) => s === "failed").length;
  return { succeeded, failed, pending: open.length, processedPerSecond: Math.round(((succeeded + failed) / seconds) * 10) / 10 };
}
