const units = [
  { limit: 1e12, suffix: "T" },
  { limit: 1e9, suffix: "G" },
  { limit: 1e6, suffix: "M" },
  { limit: 1e3, suffix: "k" },
];

/** A count for a table cell: exact below 10,000, else 12.3 k / 4.5 M. Accepts decimal strings (offsets). */
export function formatCount(value: string | number): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  if (Math.abs(n) < 10_000) return n.toLocaleString("en-US");
  const unit = units.find((u) => Math.abs(n) >= u.limit)!;
  return `${(n / unit.limit).toFixed(1)} ${unit.suffix}`;
}
