/** Units a panel's values can carry. */
export const panelUnits = ["short", "ops", "events", "seconds", "ms", "bytes", "percent", "percentunit"] as const;
export type PanelUnit = (typeof panelUnits)[number];

const si = [
  { limit: 1e12, suffix: "T" },
  { limit: 1e9, suffix: "G" },
  { limit: 1e6, suffix: "M" },
  { limit: 1e3, suffix: "k" },
];

/** Up to three significant digits, without trailing zeros: 1.23, 12.3, 123, 0.0123. */
function digits(value: number): string {
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return String(Number(value.toFixed(1)));
  if (abs >= 1) return String(Number(value.toFixed(2)));
  return String(Number(value.toPrecision(2)));
}

function short(value: number): string {
  const unit = si.find((u) => Math.abs(value) >= u.limit);
  return unit ? `${digits(value / unit.limit)} ${unit.suffix}` : digits(value);
}

function duration(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs === 0) return "0 s";
  if (abs < 1e-3) return `${digits(seconds * 1e6)} µs`;
  if (abs < 1) return `${digits(seconds * 1e3)} ms`;
  if (abs < 60) return `${digits(seconds)} s`;
  if (abs < 3_600) return `${digits(seconds / 60)} min`;
  if (abs < 86_400) return `${digits(seconds / 3_600)} h`;
  return `${digits(seconds / 86_400)} d`;
}

function bytes(value: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let scaled = Math.abs(value);
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return `${value < 0 ? "-" : ""}${digits(scaled)} ${units[unit]}`;
}

/** A value as an axis tick or tooltip shows it: "1.2 k ops/s", "35 ms", "318 MiB", "42%". */
export function formatValue(value: number | null | undefined, unit: PanelUnit = "short"): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  switch (unit) {
    case "ops":
      return `${short(value)} ops/s`;
    case "events":
      return `${short(value)} ev/s`;
    case "seconds":
      return duration(value);
    case "ms":
      return duration(value / 1000);
    case "bytes":
      return bytes(value);
    case "percent":
      return `${digits(value)}%`;
    case "percentunit":
      return `${digits(value * 100)}%`;
    default:
      return short(value);
  }
}
