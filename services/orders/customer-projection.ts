import type { Collection } from "mongodb";
import type { OutboxEntry } from "../shared/events";
import type { HandleOutcome } from "../shared/consumer";

/** Orders' own copy of the customer fields it needs, kept from accounts' events. */
export interface CustomerCopy {
  _id: string;
  name: string;
  email: string;
  status: "active" | "inactive";
  creditLimit: number;
  version: number;
  eventId: string;
}

/**
 * Applies a full-state customer event if it is newer than the copy: a redelivered or
 * older event matches no document, and its upsert then collides on _id and is dropped.
 */
export async function applyCustomerEvent(customers: Collection<CustomerCopy>, { event }: OutboxEntry): Promise<HandleOutcome> {
  if (event.type !== "CustomerCreated" && event.type !== "CustomerUpdated") return "ignored";
  const p = event.payload as Omit<CustomerCopy, "_id" | "eventId">;
  try {
    const result = await customers.updateOne(
      { _id: event.aggregateId, version: { $lt: event.version } },
      { $set: { name: p.name, email: p.email, status: p.status, creditLimit: p.creditLimit, version: event.version, eventId: event.eventId } },
      { upsert: true },
    );
    return result.modifiedCount + result.upsertedCount > 0 ? "applied" : "duplicate";
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return "duplicate";
    throw error;
  }
}
