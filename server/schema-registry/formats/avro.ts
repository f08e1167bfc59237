import "server-only";
import avro from "avsc";
import type { SchemaCodec, ResolvedSchema } from "./codec";

/**
 * Avro's logical types as JSON can carry them exactly: decimals as strings of their digits
 * (a float would round them), dates and times as ISO 8601 text, UUIDs as text. Written the
 * other way when a message is produced.
 */
const pad = (n: number | bigint, width = 2) => String(n).padStart(width, "0");

function decimalText(bytes: Buffer, scale: number): string {
  let unscaled = 0n;
  for (const byte of bytes) unscaled = (unscaled << 8n) | BigInt(byte);
  if (bytes.length > 0 && (bytes[0]! & 0x80) !== 0) unscaled -= 1n << BigInt(bytes.length * 8);
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

function decimalBytes(text: string, scale: number, size?: number): Buffer {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text).trim());
  if (!match) throw new Error(`"${text}" is not a decimal number`);
  const fraction = (match[3] ?? "").padEnd(scale, "0");
  if (fraction.length > scale) throw new Error(`"${text}" has more than ${scale} digits after the point`);
  let unscaled = BigInt(`${match[2]}${fraction}`);
  if (match[1]) unscaled = -unscaled;
  const length = size ?? Math.max(1, Math.ceil((unscaled < 0n ? -unscaled : unscaled).toString(2).length / 8 + 1 / 8));
  const out = Buffer.alloc(length);
  let rest = BigInt.asUintN(length * 8, unscaled);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

class DecimalType extends avro.types.LogicalType {
  private readonly scale: number;
  private readonly size?: number;
  constructor(schema: avro.Schema, opts?: unknown) {
    super(schema, opts);
    const s = schema as { scale?: number; size?: number };
    this.scale = s.scale ?? 0;
    this.size = s.size;
  }
  protected override _fromValue(value: Buffer): string {
    return decimalText(value, this.scale);
  }
  protected override _toValue(value: unknown): Buffer | undefined {
    if (typeof value !== "string" && typeof value !== "number") return undefined;
    return decimalBytes(String(value), this.scale, this.size);
  }
}

const day = 86_400_000;

class DateType extends avro.types.LogicalType {
  protected override _fromValue(days: number): string {
    return new Date(days * day).toISOString().slice(0, 10);
  }
  protected override _toValue(value: unknown): number | undefined {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
    return Math.round(Date.parse(`${value}T00:00:00Z`) / day);
  }
}

/** timestamp-millis / -micros (and their local- forms) as ISO 8601 text, with as many fraction digits as the unit has. */
class TimestampType extends avro.types.LogicalType {
  private readonly micros: boolean;
  private readonly local: boolean;
  constructor(schema: avro.Schema, opts?: unknown) {
    super(schema, opts);
    const logical = (schema as { logicalType: string }).logicalType;
    this.micros = logical.endsWith("micros");
    this.local = logical.startsWith("local-");
  }
  protected override _fromValue(value: bigint | number): string {
    const big = BigInt(value);
    const millis = this.micros ? big / 1000n - (big % 1000n < 0n ? 1n : 0n) : big;
    const iso = new Date(Number(millis)).toISOString();
    const text = this.micros ? `${iso.slice(0, 23)}${pad(((big % 1000n) + 1000n) % 1000n, 3)}Z` : iso;
    return this.local ? text.slice(0, -1) : text;
  }
  // The underlying long of a logical type is avsc's own (numbers): micros since 1970 stay exact as one until the year 2255.
  protected override _toValue(value: unknown): number | undefined {
    if (typeof value === "number") return value;
    if (typeof value !== "string") return undefined;
    const match = /^(.*?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
    if (!match) return undefined;
    const base = Date.parse(`${match[1]}${match[3] ?? "Z"}`);
    if (Number.isNaN(base)) return undefined;
    const fraction = (match[2] ?? "").padEnd(6, "0");
    const micros = BigInt(base) * 1000n + BigInt(fraction.slice(0, 6)) - BigInt(new Date(base).getUTCMilliseconds()) * 1000n;
    return Number(this.micros ? micros : micros / 1000n);
  }
}

class TimeType extends avro.types.LogicalType {
  private readonly micros: boolean;
  constructor(schema: avro.Schema, opts?: unknown) {
    super(schema, opts);
    this.micros = (schema as { logicalType: string }).logicalType === "time-micros";
  }
  protected override _fromValue(value: bigint | number): string {
    const micros = this.micros ? BigInt(value) : BigInt(value) * 1000n;
    const seconds = micros / 1_000_000n;
    const fraction = micros % 1_000_000n;
    const hms = `${pad(seconds / 3600n)}:${pad((seconds / 60n) % 60n)}:${pad(seconds % 60n)}`;
    return `${hms}.${this.micros ? pad(fraction, 6) : pad(fraction / 1000n, 3)}`;
  }
  protected override _toValue(value: unknown): number | undefined {
    if (typeof value === "number") return value;
    const match = typeof value === "string" ? /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(value) : null;
    if (!match) return undefined;
    const micros = (BigInt(match[1]!) * 3600n + BigInt(match[2]!) * 60n + BigInt(match[3]!)) * 1_000_000n + BigInt((match[4] ?? "").padEnd(6, "0"));
    return Number(this.micros ? micros : micros / 1000n);
  }
}

class UuidType extends avro.types.LogicalType {
  protected override _fromValue(value: string): string {
    return value;
  }
  protected override _toValue(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
  }
}

/** Avro longs as BigInt: a JavaScript number would round those beyond 2^53. */
const longType = avro.types.LongType.__with({
  fromBuffer: (buffer: Buffer) => buffer.readBigInt64LE(),
  toBuffer: (value: bigint) => {
    const buffer = Buffer.alloc(8);
    buffer.writeBigInt64LE(BigInt(value));
    return buffer;
  },
  fromJSON: (value: unknown) => BigInt(value as string),
  toJSON: (value: bigint) => Number(value),
  isValid: (value: unknown) => typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value)),
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

const logicalTypes = {
  decimal: DecimalType,
  date: DateType,
  "timestamp-millis": TimestampType,
  "timestamp-micros": TimestampType,
  "local-timestamp-millis": TimestampType,
  "local-timestamp-micros": TimestampType,
  "time-millis": TimeType,
  "time-micros": TimeType,
  uuid: UuidType,
} as unknown as Record<string, new (schema: avro.Schema, opts?: unknown) => avro.types.LogicalType>;

/** The branches of a union type (every union is wrapped here), else undefined. */
function unionBranches(type: avro.Type): avro.Type[] | undefined {
  return type instanceof avro.types.WrappedUnionType ? (type as unknown as { types: avro.Type[] }).types : undefined;
}

/** A decoded Avro value as JSON: unions as the value of the branch taken (the branches listed beside), longs as numbers while exact, bytes in base64. */
function toJson(type: avro.Type, value: unknown, path: string, branches: Array<{ path: string; branch: string }>): unknown {
  if (value === null || value === undefined) return null;
  const union = unionBranches(type);
  if (union) {
    const [branch] = Object.keys(value as object);
    if (branch === undefined) return null;
    const chosen = union.find((t) => (t.branchName ?? t.typeName) === branch)!;
    if (union.filter((t) => t.typeName !== "null").length > 1) branches.push({ path: path || "(value)", branch });
    return toJson(chosen, (value as Record<string, unknown>)[branch], path, branches);
  }
  if (type instanceof avro.types.LogicalType) return value;
  if (type instanceof avro.types.RecordType)
    return Object.fromEntries(
      type.fields.map((field) => [
        field.name,
        toJson(field.type, (value as Record<string, unknown>)[field.name], path ? `${path}.${field.name}` : field.name, branches),
      ]),
    );
  if (type instanceof avro.types.ArrayType) return (value as unknown[]).map((item, i) => toJson(type.itemsType, item, `${path}[${i}]`, branches));
  if (type instanceof avro.types.MapType)
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, toJson(type.valuesType, item, `${path}.${key}`, branches)]),
    );
  if (typeof value === "bigint") return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (Buffer.isBuffer(value)) return value.toString("base64");
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}

/** Plain JSON as Avro's union wrapping wants it: `{ "branch": value }` where a union has more than null and one branch. */
function fromJson(type: avro.Type, value: unknown): unknown {
  const union = unionBranches(type);
  if (union) {
    if (value === null || value === undefined) return null;
    if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1) {
      const [branch] = Object.keys(value);
      const chosen = union.find((t) => (t.branchName ?? t.typeName) === branch);
      if (chosen) return { [branch!]: fromJson(chosen, (value as Record<string, unknown>)[branch!]) };
    }
    const fits = union.filter((t) => t.typeName !== "null").find((t) => t.isValid(fromJson(t, value)));
    if (!fits) return value;
    return { [fits.branchName ?? fits.typeName]: fromJson(fits, value) };
  }
  if (type instanceof avro.types.LogicalType) return value;
  if (type instanceof avro.types.RecordType && value && typeof value === "object")
    return Object.fromEntries(
      type.fields.map((field) => [field.name, fromJson(field.type, (value as Record<string, unknown>)[field.name] ?? field.defaultValue())]),
    );
  if (type instanceof avro.types.ArrayType && Array.isArray(value)) return value.map((item) => fromJson(type.itemsType, item));
  if (type instanceof avro.types.MapType && value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fromJson(type.valuesType, item)]));
  if ((type.typeName === "bytes" || type.typeName === "fixed") && typeof value === "string") return Buffer.from(value, "base64");
  if (type.typeName.endsWith("long") && (typeof value === "number" || typeof value === "string") && /^-?\d+$/.test(String(value))) return BigInt(value);
  return value;
}

/** Compiles an Avro schema (its named references compiled first, into one registry of names). */
export function avroCodec(schema: ResolvedSchema): SchemaCodec {
  // Every long as BigInt (avsc looks primitive names up in the registry too).
  const registry: Record<string, avro.Type> = { long: longType };
  const compile = (text: string) => avro.Type.forSchema(JSON.parse(text) as avro.Schema, { registry, logicalTypes, wrapUnions: "always" }) as avro.Type;
  for (const reference of schema.references) compile(reference.schema);
  const type = compile(schema.schema);
  return {
    name: type.name ?? type.typeName,
    decode(payload) {
      const branches: Array<{ path: string; branch: string }> = [];
      const value = toJson(type, type.fromBuffer(payload), "", branches);
      return { value, ...(branches.length ? { unions: branches } : {}) };
    },
    encode(value) {
      const prepared = fromJson(type, value);
      if (type.isValid(prepared)) return { bytes: type.toBuffer(prepared) };
      const problems: Array<{ path: string; message: string }> = [];
      type.isValid(prepared, {
        errorHook: (path: string[], got: unknown, expected: avro.Type) => {
          // avsc's checker with a hook does not consult the BigInt long type: those are fine.
          if (typeof got === "bigint" && expected.typeName.endsWith("long")) return;
          problems.push({
            path: path.join(".") || "(value)",
            message: `expected ${expected.branchName ?? expected.typeName}, got ${JSON.stringify(got) ?? "nothing"}`,
          });
        },
      });
      if (problems.length) return { problems };
      try {
        return { bytes: type.toBuffer(prepared) };
      } catch (error) {
        return { problems: [{ path: "(value)", message: error instanceof Error ? error.message : String(error) }] };
      }
    },
  };
}
