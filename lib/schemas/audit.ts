import { z } from "zod";

export interface AuditEntry {
  id: string;
  at: string;
  /** Who did it (the signed-in user; "local" while sign-in is off). */
  actor: string;
  /** What was done, dotted: "replay.create", "replay.finish", … */
  action: string;
  /** What it was done to: a job id, topic, group or namespace. */
  target: string;
  outcome: "ok" | "failed" | "refused";
  /** Numbers and settings worth keeping: dry-run counts, ranges, the error. */
  details: Record<string, unknown>;
}

export const auditQuerySchema = z.object({
  action: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9./ _\[\]-]*$/, "an action or its prefix, e.g. replay. or POST /api/kafka")
    .optional(),
  target: z.string().max(300).optional(),
  actor: z.string().max(64).optional(),
  outcome: z.enum(["ok", "failed", "refused"]).optional(),
  /** Only records at or after this time (ISO). */
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1).max(1000))
    .default(200),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
