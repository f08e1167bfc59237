import { z } from "zod";

export { backendLabels, backendNames, type BackendName } from "@/lib/backends";

export const backendHealthSchema = z.object({
  status: z.enum(["up", "down"]),
  /** Round-trip time of the check, also when it failed. */
  latencyMs: z.number(),
  /** Server version where the backend tells it. */
  version: z.string().optional(),
  /** One line about what answered, e.g. "1 broker, controller 1". */
  summary: z.string().optional(),
  /** Why the backend is down, readable by an operator. */
  reason: z.string().optional(),
  /** Where the console looks for the backend (never with credentials). */
  target: z.string(),
});
export type BackendHealth = z.infer<typeof backendHealthSchema>;

export const healthReportSchema = z.object({
  cluster: z.string(),
  checkedAt: z.string(),
  backends: z.object({ kafka: backendHealthSchema, mongo: backendHealthSchema, prometheus: backendHealthSchema }),
});
export type HealthReport = z.infer<typeof healthReportSchema>;
