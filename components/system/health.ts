import type { Health } from "@/lib/schemas/system";

export const healthText: Record<Health, string> = { ok: "healthy", warning: "lagging", critical: "failing or far behind", unknown: "unknown" };
export const healthStroke: Record<Health, string> = { ok: "#16a34a", warning: "#d97706", critical: "#dc2626", unknown: "#9aa3ae" };
export const healthDot: Record<Health, string> = { ok: "bg-ok", warning: "bg-amber-500", critical: "bg-bad", unknown: "bg-muted" };

/** Events per second as the map shows them; "no rate" when the metrics do not say. */
export function rateText(rate: number | null): string {
  if (rate === null) return "no rate";
  if (rate === 0) return "idle";
  return `${rate >= 100 ? Math.round(rate) : rate.toFixed(rate >= 10 ? 1 : 2)} ev/s`;
}
