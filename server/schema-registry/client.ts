import "server-only";
import { readFileSync } from "node:fs";
import { Agent, type Dispatcher } from "undici";
import { getConfig } from "../config";
import { AppError, errorMessage } from "../http/errors";
import { timedBackendCall } from "../metrics/registry";

/** The three kinds of schema a Confluent-compatible registry holds; AVRO when the registry leaves it out. */
export type SchemaType = "AVRO" | "PROTOBUF" | "JSON";

export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

export interface RegisteredSchema {
  schema: string;
  schemaType: SchemaType;
  references: SchemaReference[];
}

export interface SubjectVersion extends RegisteredSchema {
  subject: string;
  version: number;
  id: number;
}

/** The registry's own error codes (Confluent's), kept for the callers that tell them apart. */
export class RegistryAnswer extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

const globals = globalThis as unknown as { eventdeckRegistryDispatcher?: { ca: string; dispatcher: Dispatcher } };

function dispatcher(caFile: string | undefined): Dispatcher | undefined {
  if (!caFile) return undefined;
  if (globals.eventdeckRegistryDispatcher?.ca !== caFile) {
    globals.eventdeckRegistryDispatcher = { ca: caFile, dispatcher: new Agent({ connect: { ca: readFileSync(caFile, "utf8") } }) };
  }
  return globals.eventdeckRegistryDispatcher.dispatcher;
}

export function registryConfigured(): boolean {
  return getConfig().SCHEMA_REGISTRY_URL !== "off";
}

/** The registry's base URL without credentials, for messages and links. */
export function registryBase(): string {
  const { SCHEMA_REGISTRY_URL } = getConfig();
  if (SCHEMA_REGISTRY_URL === "off") throw new AppError("SCHEMA_REGISTRY_UNAVAILABLE", "No Schema Registry is configured (SCHEMA_REGISTRY_URL=off)");
  const url = new URL(SCHEMA_REGISTRY_URL);
  url.username = "";
  url.password = "";
  return url.toString().replace(/\/+$/, "");
}

function authorization(): string | undefined {
  const { SCHEMA_REGISTRY_USERNAME, SCHEMA_REGISTRY_PASSWORD, SCHEMA_REGISTRY_TOKEN, SCHEMA_REGISTRY_URL } = getConfig();
  if (SCHEMA_REGISTRY_TOKEN) return `Bearer ${SCHEMA_REGISTRY_TOKEN}`;
  if (SCHEMA_REGISTRY_USERNAME && SCHEMA_REGISTRY_PASSWORD)
    return `Basic ${Buffer.from(`${SCHEMA_REGISTRY_USERNAME}:${SCHEMA_REGISTRY_PASSWORD}`).toString("base64")}`;
  // Credentials written into the URL itself.
  const url = new URL(SCHEMA_REGISTRY_URL);
  if (url.username) return `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`;
  return undefined;
}

/**
 * One call to the registry's Confluent API (`path` below the base URL), with the configured
 * credentials, CA and timeout. Unreachable: 503; an answer with an error: RegistryAnswer, which
 * the caller turns into its own error (a 404 of a schema id is not a failure of the page).
 */
export async function registryCall<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<T> {
  const { BACKEND_TIMEOUT_MS, SCHEMA_REGISTRY_CA_FILE } = getConfig();
  const base = registryBase();
  const headers: Record<string, string> = { accept: "application/vnd.schemaregistry.v1+json, application/json" };
  const auth = authorization();
  if (auth) headers.authorization = auth;
  if (body !== undefined) headers["content-type"] = "application/vnd.schemaregistry.v1+json";
  return timedBackendCall("schema-registry", `${method} ${path.split("/")[1] ?? path}`, async () => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(BACKEND_TIMEOUT_MS),
        cache: "no-store",
        // @ts-expect-error -- Node's fetch takes undici's dispatcher (for the CA); the DOM types do not know it.
        dispatcher: dispatcher(SCHEMA_REGISTRY_CA_FILE),
      });
    } catch (error) {
      if (error instanceof Error && error.name === "TimeoutError")
        throw new AppError("TIMEOUT", `The Schema Registry did not answer within ${BACKEND_TIMEOUT_MS} ms`);
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : errorMessage(error);
      throw new AppError("SCHEMA_REGISTRY_UNAVAILABLE", `The Schema Registry at ${base} is unavailable: ${cause}`);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.ok) return parsed as T;
    const answer = parsed as { error_code?: number; message?: string } | undefined;
    if (response.status === 401 || response.status === 403)
      throw new AppError("SCHEMA_REGISTRY_UNAVAILABLE", `The Schema Registry refused the console's credentials (${response.status})`);
    throw new RegistryAnswer(response.status, answer?.error_code, answer?.message ?? `the registry answered ${response.status}`);
  });
}

function asSchema(raw: { schema: string; schemaType?: string; references?: SchemaReference[] }): RegisteredSchema {
  const type = raw.schemaType ?? "AVRO";
  return { schema: raw.schema, schemaType: (type === "PROTOBUF" || type === "JSON" ? type : "AVRO") as SchemaType, references: raw.references ?? [] };
}

/** A schema by its global id; `undefined` when the registry does not know the id. */
export async function schemaById(id: number): Promise<RegisteredSchema | undefined> {
  try {
    return asSchema(await registryCall("GET", `/schemas/ids/${id}`));
  } catch (error) {
    if (error instanceof RegistryAnswer && error.status === 404) return undefined;
    throw asAppError(error);
  }
}

/** Where a schema id is registered: the subjects and versions that hold it. */
export async function subjectVersionsOfId(id: number): Promise<Array<{ subject: string; version: number }>> {
  try {
    return await registryCall("GET", `/schemas/ids/${id}/versions`);
  } catch (error) {
    if (error instanceof RegistryAnswer) return [];
    throw error;
  }
}

export async function subjectVersion(subject: string, version: number | "latest"): Promise<SubjectVersion> {
  try {
    const raw = await registryCall<{ subject: string; version: number; id: number; schema: string; schemaType?: string; references?: SchemaReference[] }>(
      "GET",
      `/subjects/${encodeURIComponent(subject)}/versions/${version}`,
    );
    return { ...asSchema(raw), subject: raw.subject, version: raw.version, id: raw.id };
  } catch (error) {
    throw asAppError(error, `Subject "${subject}" has no version ${version}`);
  }
}

/** A registry answer as the API's error: 404 stays a 404, a refused schema a 422, the rest a 502. */
export function asAppError(error: unknown, notFound?: string): unknown {
  if (!(error instanceof RegistryAnswer)) return error;
  if (error.status === 404) return new AppError("NOT_FOUND", notFound ?? `Schema Registry: ${error.message}`);
  if (error.status === 409 || error.status === 422) return new AppError("SCHEMA_INVALID", `Schema Registry: ${error.message}`);
  return new AppError("SCHEMA_REGISTRY_ERROR", `Schema Registry answered ${error.status}: ${error.message}`);
}
