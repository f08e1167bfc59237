/**
 * Load generator for the storefront:
 *   tsx services/loadgen/main.ts --rate 200 --duration 60s [--customers 20] [--wait 120s]
 * Prints progress, then one JSON report (achieved rate, latency, errors, outcomes).
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { runLoad } from "./load";

const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h)$/, "a duration like 500ms, 60s, 5m or 1h")
  .transform((value) => {
    const [, amount, unit] = /^(\d+)(ms|s|m|h)$/.exec(value)!;
    return Number(amount) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as "ms"];
  });

const argsSchema = z.object({
  accounts: z.url().default(process.env.ACCOUNTS_URL ?? "http://127.0.0.1:19101"),
  orders: z.url().default(process.env.ORDERS_URL ?? "http://127.0.0.1:19102"),
  rate: z.coerce.number().positive().max(10_000).default(10),
  duration: duration.default(60_000),
  customers: z.coerce.number().int().min(1).max(10_000).default(20),
  "inactive-share": z.coerce.number().min(0).max(1).default(0.1),
  "max-in-flight": z.coerce.number().int().min(1).max(1000).default(64),
  wait: duration.default(0),
});

const { values } = parseArgs({
  options: Object.fromEntries(Object.keys(argsSchema.shape).map((name) => [name, { type: "string" as const }])),
});
const parsed = argsSchema.safeParse(values);
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  console.error(`loadgen: --${String(issue.path[0])}: ${issue.message}`);
  process.exit(2);
}
const args = parsed.data;

const report = await runLoad({
  accountsUrl: args.accounts,
  ordersUrl: args.orders,
  rate: args.rate,
  durationMs: args.duration,
  customers: args.customers,
  inactiveShare: args["inactive-share"],
  maxInFlight: args["max-in-flight"],
  waitMs: args.wait,
  onProgress: (line) => console.error(`loadgen: ${line}`),
});
console.log(JSON.stringify(report));
process.exit(Object.keys(report.errors).length > 0 ? 1 : 0);
