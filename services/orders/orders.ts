import { randomUUID } from "node:crypto";
import type { Collection } from "mongodb";
import { z } from "zod";
import { newEvent, type OutboxEntry } from "../shared/events";
import { HttpError } from "../shared/http";
import { queueEvents, type OutboxDocument } from "../shared/outbox";
import type { HandleOutcome } from "../shared/consumer";
import type { CustomerCopy } from "./customer-projection";

export const placeOrderSchema = z.object({
  customerId: z.uuid(),
  items: z
    .array(
      z.object({
        sku: z.string().min(1).max(64),
        quantity: z.number().int().min(1).max(1000),
        unitPrice: z.number().nonnegative().max(100_000),
      }),
    )
    .min(1)
    .max(100),
});

export type OrderStatus = "created" | "approved" | "shipped" | "rejected";

export interface OrderState {
  _id: string;
  operationId: string;
  customerId: string;
  items: z.infer<typeof placeOrderSchema>["items"];
  total: number;
  status: OrderStatus;
  reason?: string;
  /** The customer as orders knew it when the order was placed; fulfillment decides on it. */
  customer: { status: string; creditLimit: number };
  /** Credit held by this order: released when it is rejected (the compensation), captured when shipped. */
  reservation: { amount: number; state: "held" | "released" | "captured" };
  createdAt: string;
  updatedAt: string;
  version: number;
}
export type OrderDocument = OrderState & OutboxDocument & { processedEvents: string[] };

export interface Operation {
  _id: string;
  orderId: string;
  createdAt: string;
}

function orderState(doc: OrderDocument): OrderState {
  const { outbox: _o, hasOutbox: _h, processedEvents: _p, ...state } = doc;
  return state;
}

/** Records an order and its OrderCreated event; the rest of the saga runs on events. */
export async function placeOrder(
  collections: { orders: Collection<OrderDocument>; operations: Collection<Operation>; customers: Collection<CustomerCopy> },
  input: z.infer<typeof placeOrderSchema>,
  traceId: string,
): Promise<{ operationId: string; orderId: string }> {
  const customer = await collections.customers.findOne({ _id: input.customerId });
  if (!customer) {
    throw new HttpError(422, "CUSTOMER_UNKNOWN", `Customer ${input.customerId} is not known to orders (yet): accounts' events may still be on their way`);
  }
  const now = new Date().toISOString();
  const operationId = randomUUID();
  const total = Math.round(input.items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0) * 100) / 100;
  const state: OrderState = {
    _id: randomUUID(),
    operationId,
    customerId: input.customerId,
    items: input.items,
    total,
    status: "created",
    customer: { status: customer.status, creditLimit: customer.creditLimit },
    reservation: { amount: total, state: "held" },
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await collections.operations.insertOne({ _id: operationId, orderId: state._id, createdAt: now });
  const event = newEvent("OrderCreated", state._id, 1, state);
  await collections.orders.insertOne({ ...state, processedEvents: [], outbox: [{ event, traceId }], hasOutbox: true });
  return { operationId, orderId: state._id };
}

/** Where a placed order stands, as the operation endpoint tells it. */
export function operationStatus(order: OrderState | null) {
  if (!order) return { status: "pending" as const };
  const status = order.status === "shipped" ? "succeeded" : order.status === "rejected" ? "failed" : "pending";
  return { status, orderId: order._id, orderStatus: order.status, ...(order.reason ? { reason: order.reason } : {}) };
}

const transitions: Record<string, { from: OrderStatus[]; to: OrderStatus; reservation?: "released" | "captured"; event: string }> = {
  FulfillmentApproved: { from: ["created"], to: "approved", event: "OrderApproved" },
  OrderShipped: { from: ["approved"], to: "shipped", reservation: "captured", event: "OrderShipped" },
  FulfillmentRejected: { from: ["created", "approved"], to: "rejected", reservation: "released", event: "OrderRejected" },
};

/**
 * Moves an order along the saga on fulfillment's events. Idempotent: the event id is
 * recorded in the order in the same single-document update as the change it causes.
 */
export async function applyFulfillmentEvent(orders: Collection<OrderDocument>, { event, traceId }: OutboxEntry): Promise<HandleOutcome> {
  const transition = transitions[event.type];
  if (!transition) return "ignored";
  const current = await orders.findOne({ _id: event.aggregateId });
  if (!current) throw new Error(`order ${event.aggregateId} not found for ${event.type}`);
  if (current.processedEvents.includes(event.eventId)) return "duplicate";
  if (!transition.from.includes(current.status)) {
    if (current.status === "shipped" || current.status === "rejected") {
      // Too late for a final order: recorded so it is not looked at again.
      await orders.updateOne({ _id: current._id, version: current.version }, { $push: { processedEvents: event.eventId } });
      return "ignored";
    }
    // One key's events arrive in order, so this cannot happen unless a write was lost;
    // failing makes the consumer retry the event instead of dropping it.
    throw new Error(`order ${current._id} is ${current.status}; ${event.type} needs ${transition.from.join(" or ")}`);
  }
  const reason = typeof event.payload.reason === "string" ? event.payload.reason : undefined;
  const next: OrderState = {
    ...orderState(current),
    status: transition.to,
    ...(reason ? { reason } : {}),
    reservation: transition.reservation ? { ...current.reservation, state: transition.reservation } : current.reservation,
    updatedAt: new Date().toISOString(),
    version: current.version + 1,
  };
  const queued = queueEvents([{ event: newEvent(transition.event, current._id, next.version, next), traceId }]);
  // The caller holds the order's lock, so the version can only have moved if another
  // process wrote: then fail and let the consumer retry on fresh state.
  const result = await orders.updateOne(
    { _id: current._id, version: current.version },
    { $set: { ...next, ...queued.$set }, $push: { ...queued.$push, processedEvents: event.eventId } },
  );
  if (result.modifiedCount === 1) return "applied";
  throw new Error(`order ${event.aggregateId} changed while applying ${event.type}`);
}

export { orderState };
