/** What fulfillment knows of an order when it decides on it (from OrderCreated). */
export interface OrderToDecide {
  total: number;
  customer: { status: string; creditLimit: number; reservedBefore: number };
}

export type Decision = { approved: true } | { approved: false; reason: string };

/** Approves an order unless its customer is inactive or it would take the customer past the credit limit. */
export function decide(order: OrderToDecide): Decision {
  if (order.customer.status !== "active") return { approved: false, reason: "customer is inactive" };
  const exposure = order.customer.reservedBefore + order.total;
  if (exposure > order.customer.creditLimit) {
    return { approved: false, reason: `over credit limit: ${exposure} of ${order.customer.creditLimit}` };
  }
  return { approved: true };
}
