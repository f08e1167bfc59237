import { z } from "zod";
import type { Role } from "@/lib/schemas/auth";

// The parts every operation declaration is made of. Declarations are shared code: the server
// parses, authorizes, audits and documents from them; the browser only imports their types.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type ObjectSchema = z.ZodObject;

export interface AccessRule {
  /** Who may call it: anyone ("public"), or a signed-in user with at least this role. */
  role: Role | "public";
  /** Returns documents of the collection in its path: refused to viewers for SENSITIVE_COLLECTIONS. */
  documents?: true;
}

export const viewer = { role: "viewer" } as const satisfies AccessRule;
export const operator = { role: "operator" } as const satisfies AccessRule;
export const admin = { role: "admin" } as const satisfies AccessRule;
export const publicAccess = { role: "public" } as const satisfies AccessRule;
export const documents = { role: "viewer", documents: true } as const satisfies AccessRule;

/** What a successful call answers: its status, media types and the schema of the body. */
export interface SuccessResponse {
  status: 200 | 201 | 204 | 302;
  /** Media type → schema of the body; none for 204 and redirects. */
  content?: Partial<Record<"application/json" | "application/x-ndjson" | "text/csv" | "text/plain", z.ZodType>>;
  /** A server-sent event stream instead: event name → schema of its JSON `data`. */
  events?: Record<string, z.ZodType>;
  description?: string;
}

export interface RequestBody {
  schema: z.ZodType;
  /** JSON (the default) is parsed before the schema sees it; JSON lines reach it as text. */
  mediaType?: "application/json" | "application/x-ndjson";
  /** An empty body is `{}`; a DELETE's body is optional. */
  required?: boolean;
  /** Largest body read (413 past it); 1 MiB unless said. */
  maxBytes?: number;
  tooLargeMessage?: string;
  /** The query's values (parsed by `query`) take the place of the body's: a DELETE may confirm itself either way. */
  alsoInQuery?: true;
}

export interface ApiOperation {
  summary: string;
  description?: string;
  /** Who may call it; server/auth/authorize.ts checks it for every request. */
  access: AccessRule;
  /** Changes are written to the audit log as "<METHOD> <pattern>"; `false` for sign-in, which records its own. */
  audit?: false;
  /** The answer's Cache-Control when the handler returns data (default `no-store`). */
  cacheControl?: string;
  /** Path parameters, by the names in the route's pattern. */
  params?: ObjectSchema;
  query?: ObjectSchema;
  body?: RequestBody;
  ok: SuccessResponse;
  /**
   * Error statuses particular to this operation (404 for something a body names, 401 from
   * sign-in itself); the document adds the ones every operation of its kind can answer.
   */
  errors?: Array<401 | 404 | 409 | 422 | 429>;
  /** Answers without calling Kafka, MongoDB, Prometheus or a service: no 502/503/504. */
  local?: true;
  /**
   * A catch-all route (`[...path]`) is documented as the concrete paths it serves, each with
   * its own path parameters (OpenAPI cannot say "several segments").
   */
  concretePaths?: Array<{ path: string; params?: ObjectSchema }>;
}

/** The one error shape of every route (server/http/route.ts). */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional(), requestId: z.string().optional() }),
});

export const json = <S extends z.ZodType>(schema: S, status: 200 | 201 = 200) =>
  ({ status, content: { "application/json": schema } }) satisfies SuccessResponse;

export const list = <K extends string, I extends z.ZodType>(key: K, item: I) => json(z.object({ [key]: z.array(item) } as { [P in K]: z.ZodArray<I> }));

export const sse = <E extends Record<string, z.ZodType>>(events: E, description: string) =>
  ({ status: 200 as const, events, description }) satisfies SuccessResponse;

/** A DELETE confirms itself with `confirm` in the query or in a JSON body. */
export const confirmation = <S extends ObjectSchema>(schema: S, maxBytes?: number) => ({
  query: schema.partial(),
  body: { schema, required: false as const, alsoInQuery: true as const, ...(maxBytes ? { maxBytes } : {}) },
});
