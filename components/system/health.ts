import type { Health, MapService } from "@/lib/schemas/system";

export const healthText: Record<Health, string> = { ok: "healthy", warning: "lagging", critical: "failing or far behind", unknown: "unknown" };
export const healthStroke: Record<Health, string> = { ok: "#16a34a", warning: "#d97706", critical: "#dc2626", unknown: "#9aa3ae" };
export const healthDot: Record<Health, string> = { ok: "bg-ok", warning: "bg-amber-500", critical: "bg-bad", unknown: "bg-muted" };

/** Events per second as the map shows them; "no rate" when the metrics do not say. */
export function rateText(rate: number | null): string {
  if (rate === null) return "no rate";
  if (rate === 0) return "idle";
  return `${rate >= 100 ? Math.round(rate) : rate.toFixed(rate >= 10 ? 1 : 2)} ev/s`;
}

/** "2 of 3 services up", saying how many are unknown when Prometheus has no scrape result for them. */
export function servicesUpText(services: Array<Pick<MapService, "declared" | "up">>): string {
  const declared = services.filter((s) => s.declared);
  const known = declared.filter((s) => s.up !== null);
  if (declared.length > 0 && known.length === 0) return `${declared.length} services, state unknown`;
  const up = known.filter((s) => s.up === true).length;
  const unknown = declared.length - known.length;
  return `${up} of ${declared.length} services up${unknown ? ` (${unknown} unknown)` : ""}`;
}
