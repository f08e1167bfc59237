import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { EJSON } from "bson";
import type { Db } from "mongodb";
import { getJson, sendJson } from "./storefront";

let customerNumber = 0;

export function newCustomer(overrides: Record<string, unknown> = {}) {
  customerNumber++;
  return {
    name: `Customer ${customerNumber}`,
    email: `customer${customerNumber}@example.com`,
    address: { street: `${customerNumber} Main St`, city: "Oslo", zip: "0150", country: "NO" },
    creditLimit: 1_000_000,
    ...overrides,
  };
}

export function newOrder(customerId: string, unitPrice = 10) {
  return { customerId, items: [{ sku: "SKU-1", quantity: 2, unitPrice }] };
}

/** Polls `read` until `accept` holds or `timeoutMs` passes; returns the last value read. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  // A read that throws (a connection refused or reset while a service restarts) is "not yet".
  const attempt = async (): Promise<{ value?: T; error?: unknown }> => {
    try {
      return { value: await read() };
    } catch (error) {
      return { error };
    }
  };
  let last = await attempt();
  while (last.error !== undefined || !accept(last.value as T)) {
    if (Date.now() > deadline) {
      const seen = last.error !== undefined ? `last error: ${String(last.error)}` : `last value: ${JSON.stringify(last.value)?.slice(0, 500)}`;
      throw new Error(`${what} not reached within ${timeoutMs} ms; ${seen}`);
    }
    await sleep(100);
    last = await attempt();
  }
  return last.value as T;
}

export async function createCustomerAndWaitForOrders(accountsUrl: string, ordersUrl: string, overrides: Record<string, unknown> = {}) {
  const created = await sendJson("POST", `${accountsUrl}/customers`, newCustomer(overrides));
  if (created.status !== 201) throw new Error(`customer not created: ${JSON.stringify(created.body)}`);
  await eventually(
    () => getJson(`${ordersUrl}/customers/${created.body._id}`),
    (r) => r.status === 200,
    20_000,
    "customer copy in orders",
  );
  return created.body as { _id: string; version: number };
}

/** A SHA-256 over every document of a collection in _id order, in canonical EJSON. */
export async function collectionHash(db: Db, name: string): Promise<{ count: number; hash: string }> {
  const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
  const hash = createHash("sha256");
  for (const doc of docs) hash.update(EJSON.stringify(doc, { relaxed: false }));
  return { count: docs.length, hash: hash.digest("hex") };
}
