import "server-only";
import protobuf from "protobufjs";
import descriptor from "protobufjs/ext/descriptor";
import { looksLikeSerializedDescriptor } from "@/lib/schemas/schema-registry";
import type { DecodedValue, ResolvedSchema, SchemaCodec, ValueProblem } from "./codec";

const parseOptions = { keepCase: true, alternateCommentMode: true };

/** The messages of a namespace in the order the file declares them (what Confluent's message indexes count). */
function messagesOf(namespace: protobuf.NamespaceBase): protobuf.Type[] {
  return namespace.nestedArray.filter((item): item is protobuf.Type => item instanceof protobuf.Type);
}

function isoTimestamp(seconds: bigint, nanos: number): string {
  const iso = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  if (nanos === 0) return `${iso}Z`;
  const digits = String(nanos).padStart(9, "0");
  // As protobuf's JSON mapping writes it: 3, 6 or 9 fraction digits.
  const fraction = digits.endsWith("000000") ? digits.slice(0, 3) : digits.endsWith("000") ? digits.slice(0, 6) : digits;
  return `${iso}.${fraction}Z`;
}

function durationText(seconds: bigint, nanos: number): string {
  if (nanos === 0) return `${seconds}s`;
  const negative = seconds < 0n || nanos < 0;
  const digits = String(Math.abs(nanos)).padStart(9, "0");
  const fraction = digits.endsWith("000000") ? digits.slice(0, 3) : digits.endsWith("000") ? digits.slice(0, 6) : digits;
  return `${negative && seconds === 0n ? "-" : ""}${seconds}.${fraction}s`;
}

const longOf = (value: unknown): bigint => BigInt(typeof value === "object" && value !== null ? String(value) : ((value as number | string | undefined) ?? 0));
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function structValue(value: Record<string, unknown>): unknown {
  if ("nullValue" in value || "null_value" in value) return null;
  for (const key of ["numberValue", "number_value", "stringValue", "string_value", "boolValue", "bool_value"]) if (key in value) return value[key];
  const struct = (value.structValue ?? value.struct_value) as { fields?: Record<string, Record<string, unknown>> } | undefined;
  if (struct) return Object.fromEntries(Object.entries(struct.fields ?? {}).map(([k, v]) => [k, structValue(v)]));
  const list = (value.listValue ?? value.list_value) as { values?: Array<Record<string, unknown>> } | undefined;
  if (list) return (list.values ?? []).map(structValue);
  return null;
}

/**
 * A message as protobuf's canonical JSON mapping writes it (what `MessageToDict` and `JsonFormat`
 * give, with the .proto field names): 64-bit integers as strings, enums by name, bytes in base64,
 * well-known types (Timestamp, Duration, wrappers, Struct, FieldMask, Empty) as their JSON forms.
 */
function toJson(type: protobuf.Type, message: protobuf.Message): Record<string, unknown> {
  const object = type.toObject(message, { longs: String, enums: String, bytes: String, json: true }) as Record<string, unknown>;
  return mapWellKnown(type, object);
}

function mapWellKnown(type: protobuf.Type, object: Record<string, unknown>): Record<string, unknown> {
  for (const field of type.fieldsArray) {
    const value = object[field.name];
    if (value === undefined || !(field.resolvedType instanceof protobuf.Type)) continue;
    const convert = (item: unknown) => wellKnown(field.resolvedType as protobuf.Type, item as Record<string, unknown>);
    if (field.map) object[field.name] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, convert(v)]));
    else if (field.repeated) object[field.name] = (value as unknown[]).map(convert);
    else object[field.name] = convert(value);
  }
  return object;
}

function wellKnown(type: protobuf.Type, value: Record<string, unknown>): unknown {
  switch (type.fullName) {
    case ".google.protobuf.Timestamp":
      return isoTimestamp(longOf(value.seconds), Number(value.nanos ?? 0));
    case ".google.protobuf.Duration":
      return durationText(longOf(value.seconds), Number(value.nanos ?? 0));
    case ".google.protobuf.DoubleValue":
    case ".google.protobuf.FloatValue":
    case ".google.protobuf.Int64Value":
    case ".google.protobuf.UInt64Value":
    case ".google.protobuf.Int32Value":
    case ".google.protobuf.UInt32Value":
    case ".google.protobuf.BoolValue":
    case ".google.protobuf.StringValue":
    case ".google.protobuf.BytesValue": {
      const field = type.fieldsArray[0]!;
      return value.value ?? (field.type === "bool" ? false : field.type === "string" || field.type === "bytes" ? "" : field.type.endsWith("64") ? "0" : 0);
    }
    case ".google.protobuf.Struct":
      return Object.fromEntries(Object.entries((value.fields ?? {}) as Record<string, Record<string, unknown>>).map(([k, v]) => [k, structValue(v)]));
    case ".google.protobuf.Value":
      return structValue(value);
    case ".google.protobuf.ListValue":
      return ((value.values ?? []) as Array<Record<string, unknown>>).map(structValue);
    case ".google.protobuf.FieldMask":
      return ((value.paths ?? []) as string[]).map(camel).join(",");
    default:
      return mapWellKnown(type, value);
  }
}

/** A schema in the serialized form some clients register (a base64 FileDescriptorProto) rather than .proto text. */
function serializedDescriptor(text: string): descriptor.IFileDescriptorProto | undefined {
  const trimmed = text.trim();
  if (!looksLikeSerializedDescriptor(trimmed)) return undefined;
  try {
    return descriptor.FileDescriptorProto.decode(Buffer.from(trimmed, "base64")) as descriptor.IFileDescriptorProto;
  } catch {
    return undefined;
  }
}

/** The schema's files as descriptors (the serialized form): its references and the well-known files it imports with it. */
function rootFromDescriptors(main: descriptor.IFileDescriptorProto, schema: ResolvedSchema): { root: protobuf.Root; topNames: string[] } {
  const files = new Map<string, descriptor.IFileDescriptorProto>();
  const add = (name: string, text: string | undefined) => {
    if (files.has(name)) return;
    const file =
      text === undefined
        ? undefined
        : (serializedDescriptor(text) ?? protobuf.parse(text, new protobuf.Root(), parseOptions).root.toDescriptor("proto3").file[0]);
    if (file) {
      files.set(name, file);
      for (const dependency of file.dependency ?? []) add(dependency, schema.references.find((r) => r.name === dependency)?.schema);
      return;
    }
    const common = protobuf.common.get(name);
    if (!common) throw new Error(`the schema imports ${name}, which is neither a reference of it nor a well-known type`);
    const [wellKnown] = protobuf.Root.fromJSON({ nested: common.nested ?? {} }).toDescriptor("proto3").file;
    if (wellKnown) files.set(name, wellKnown);
  };
  for (const dependency of main.dependency ?? []) add(dependency, schema.references.find((r) => r.name === dependency)?.schema);
  const root = protobuf.Root.fromDescriptor({ file: [...files.values(), main] });
  const prefix = main.package ? `.${main.package}.` : ".";
  return { root, topNames: (main.messageType ?? []).map((type) => `${prefix}${type.name ?? ""}`) };
}

/** Compiles a .proto schema with the files it imports: its references by import name, else protobuf's well-known files. */
export function protobufCodec(schema: ResolvedSchema): SchemaCodec {
  const serialized = serializedDescriptor(schema.schema);
  const { root, topNames } = serialized ? rootFromDescriptors(serialized, schema) : rootFromText(schema);
  return codecOf(root, topNames);
}

function rootFromText(schema: ResolvedSchema): { root: protobuf.Root; topNames: string[] } {
  const root = new protobuf.Root();
  const files = new Map(schema.references.map((reference) => [reference.name, reference.schema]));
  const loaded = new Set<string>();
  const load = (name: string, text: string) => {
    if (loaded.has(name)) return;
    loaded.add(name);
    const parsed = protobuf.parse(text, root, parseOptions);
    for (const imported of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
      const file = files.get(imported);
      if (file !== undefined) load(imported, file);
      else if (!loaded.has(imported)) {
        const common = protobuf.common.get(imported);
        if (!common) throw new Error(`the schema imports ${imported}, which is neither a reference of it nor a well-known type`);
        loaded.add(imported);
        root.addJSON(common.nested ?? {});
      }
    }
  };
  load("(schema)", schema.schema);
  root.resolveAll();
  // The schema's own messages, in declaration order, from a parse of that file alone.
  const own = protobuf.parse(schema.schema, new protobuf.Root(), parseOptions);
  const ownPackage = own.package ? own.root.lookup(own.package) : own.root;
  const topNames = messagesOf(ownPackage as protobuf.NamespaceBase).map((type) => type.fullName);
  return { root, topNames };
}

function codecOf(root: protobuf.Root, topNames: string[]): SchemaCodec {
  const top = topNames.map((name) => root.lookupType(name));
  if (top.length === 0) throw new Error("the schema declares no message");

  const byIndexes = (indexes: number[]): protobuf.Type => {
    let type = top[indexes[0] ?? 0];
    for (const index of indexes.slice(1)) type = type ? messagesOf(type)[index] : undefined;
    if (!type) throw new Error(`the message indexes [${indexes.join(", ")}] name no message of the schema`);
    return type;
  };
  const indexesOf = (name: string): number[] => {
    const target = root.lookupType(name.startsWith(".") ? name : `.${name.replace(/^\./, "")}`);
    const path: number[] = [];
    let current: protobuf.ReflectionObject | null = target;
    while (current instanceof protobuf.Type) {
      const parent: protobuf.NamespaceBase | null = current.parent;
      const siblings = parent instanceof protobuf.Type ? messagesOf(parent) : top;
      const at = siblings.indexOf(current);
      if (at === -1) throw new Error(`${name} is not a message of this schema`);
      path.unshift(at);
      current = parent instanceof protobuf.Type ? parent : null;
    }
    return path;
  };

  return {
    name: top[0]!.fullName.replace(/^\./, ""),
    decode(payload, indexes = [0]): DecodedValue {
      const type = byIndexes(indexes);
      return { value: toJson(type, type.decode(payload)), message: type.fullName.replace(/^\./, "") };
    },
    encode(value, message) {
      const type = message ? root.lookupType(message) : top[0]!;
      if (!value || typeof value !== "object" || Array.isArray(value))
        return { problems: [{ path: "(value)", message: `a ${type.name} message is a JSON object` }] };
      const problems: ValueProblem[] = [];
      for (const key of Object.keys(value)) if (!type.fields[key]) problems.push({ path: key, message: `${type.name} has no field ${key}` });
      let created: protobuf.Message | undefined;
      try {
        created = type.fromObject(value as Record<string, unknown>);
      } catch (error) {
        problems.push({ path: "(value)", message: error instanceof Error ? error.message : String(error) });
      }
      const verified = created ? type.verify(created) : null;
      if (verified) problems.push({ path: "(value)", message: verified });
      if (problems.length || !created) return { problems };
      return { bytes: Buffer.from(type.encode(created).finish()), indexes: indexesOf(type.fullName) };
    },
  };
}
