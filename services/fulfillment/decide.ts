/** What fulfillment knows of an order when it decides on it (from OrderCreated). */
export interface OrderToDecide {
  total: number;
  customer: { status: string; creditLimit: number };
}

export type Decision = { approved: true } | { approved: false; reason: string };

/** Approves an order unless its customer is inactive or the order is over the customer's credit limit. */
export function decide(order: OrderToDecide): Decision {
  if (order.customer.status !== "active") return { approved: false, reason: "customer is inactive" };
  if (order.total > order.customer.creditLimit) {
    return { approved: false, reason: `over credit limit: ${order.total} of ${order.customer.creditLimit}` };
  }
  return { approved: true };
}
