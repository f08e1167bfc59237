import type { Collection } from "mongodb";
import { newEvent, type OutboxEntry } from "../shared/events";
import type { HandleOutcome } from "../shared/consumer";
import type { OutboxDocument } from "../shared/outbox";
import { decide, type OrderToDecide } from "./decide";

export interface ShipmentState {
  _id: string;
  customerId: string;
  total: number;
  status: "shipped" | "rejected";
  reason?: string;
  /** The OrderCreated event this shipment was decided on. */
  sourceEventId: string;
  decidedAt: string;
  version: number;
}
export type ShipmentDocument = ShipmentState & OutboxDocument;

/**
 * Decides on a new order and records the shipment with the events it causes in one
 * insert keyed by the order id: a redelivered OrderCreated collides on _id and
 * changes nothing.
 */
export async function handleOrderEvent(shipments: Collection<ShipmentDocument>, { event, traceId }: OutboxEntry): Promise<HandleOutcome> {
  if (event.type !== "OrderCreated") return "ignored";
  const order = event.payload as unknown as OrderToDecide & { customerId: string };
  const decision = decide(order);
  const base = { _id: event.aggregateId, customerId: order.customerId, total: order.total, sourceEventId: event.eventId, decidedAt: new Date().toISOString() };
  const shipment: ShipmentState = decision.approved
    ? { ...base, status: "shipped", version: 2 }
    : { ...base, status: "rejected", reason: decision.reason, version: 1 };
  const outbox: OutboxEntry[] = decision.approved
    ? [
        { event: newEvent("FulfillmentApproved", shipment._id, 1, { ...shipment, status: "approved", version: 1 }), traceId },
        { event: newEvent("OrderShipped", shipment._id, 2, shipment), traceId },
      ]
    : [{ event: newEvent("FulfillmentRejected", shipment._id, 1, shipment), traceId }];
  try {
    await shipments.insertOne({ ...shipment, outbox, hasOutbox: true });
    return "applied";
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return "duplicate";
    throw error;
  }
}
