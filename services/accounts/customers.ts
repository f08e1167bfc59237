import { randomUUID } from "node:crypto";
import type { Collection } from "mongodb";
import { z } from "zod";
import { newEvent } from "../shared/events";
import { HttpError } from "../shared/http";
import { queueEvents, type OutboxDocument } from "../shared/outbox";

export const addressSchema = z.object({
  street: z.string().min(1).max(200),
  city: z.string().min(1).max(100),
  zip: z.string().min(1).max(20),
  country: z.string().length(2, "ISO 3166 two-letter code"),
});

export const createCustomerSchema = z.object({
  name: z.string().min(1).max(200),
  email: z.email(),
  address: addressSchema,
  creditLimit: z.number().nonnegative().max(1_000_000).default(1000),
});

export const updateCustomerSchema = z
  .object({
    name: z.string().min(1).max(200),
    email: z.email(),
    address: addressSchema,
    creditLimit: z.number().nonnegative().max(1_000_000),
    status: z.enum(["active", "inactive"]),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, "at least one field to change");

export type CustomerState = z.infer<typeof createCustomerSchema> & {
  _id: string;
  status: "active" | "inactive";
  createdAt: string;
  updatedAt: string;
  version: number;
};
export type CustomerDocument = CustomerState & OutboxDocument;

/** The customer as events and the API show it: everything but the outbox. */
export function customerState(doc: CustomerDocument): CustomerState {
  const { outbox: _outbox, hasOutbox: _hasOutbox, ...state } = doc;
  return state;
}

export async function createCustomer(
  customers: Collection<CustomerDocument>,
  input: z.infer<typeof createCustomerSchema>,
  traceId: string,
): Promise<CustomerState> {
  const now = new Date().toISOString();
  const state: CustomerState = { _id: randomUUID(), ...input, status: "active", createdAt: now, updatedAt: now, version: 1 };
  const event = newEvent("CustomerCreated", state._id, 1, state);
  await customers.insertOne({ ...state, outbox: [{ event, traceId }], hasOutbox: true });
  return state;
}

/**
 * Applies a change with optimistic concurrency: the update only lands on the version
 * it was computed from, together with the full-state event it causes.
 */
export async function updateCustomer(
  customers: Collection<CustomerDocument>,
  id: string,
  patch: z.infer<typeof updateCustomerSchema>,
  traceId: string,
): Promise<CustomerState> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await customers.findOne({ _id: id });
    if (!current) throw new HttpError(404, "CUSTOMER_NOT_FOUND", `No customer ${id}`);
    const next: CustomerState = { ...customerState(current), ...patch, updatedAt: new Date().toISOString(), version: current.version + 1 };
    const event = newEvent("CustomerUpdated", id, next.version, next);
    const { $push, $set } = queueEvents([{ event, traceId }]);
    const result = await customers.updateOne({ _id: id, version: current.version }, { $set: { ...next, ...$set }, $push });
    if (result.modifiedCount === 1) return next;
  }
  throw new HttpError(409, "CONFLICT", `Customer ${id} kept changing; try again`);
}
