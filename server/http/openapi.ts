import "server-only";
import { z } from "zod";
import { csrfHeader } from "@/lib/schemas/auth";
import { sessionCookie } from "../auth/session";
import { operationEntries } from "@/lib/api/operations";
import { errorBodySchema, type ApiOperation, type HttpMethod, type ObjectSchema } from "@/lib/api/operations/define";

export type JsonSchema = Record<string, unknown>;
type OpenApiOperation = Record<string, unknown> & { operationId: string };
// A type, not an interface: it is assignable to the declaration's open object schema.
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, Partial<Record<Lowercase<HttpMethod>, OpenApiOperation>>>;
  components: Record<string, Record<string, unknown>>;
};

const errorDescriptions: Record<number, string> = {
  400: "Bad input: the issues are in `error.details`",
  401: "Not signed in",
  403: "Not allowed: the role is too low, the CSRF header is missing, the request came from another site, or the console is read-only",
  404: "Not found",
  409: "Conflict with the current state",
  413: "The request body is too large",
  422: "The backend refused the request",
  429: "Too many attempts; see Retry-After",
  502: "The backend answered with an error",
  503: "The backend is unavailable",
  504: "The backend did not answer in time",
};

const tagDescriptions: Record<string, string> = {
  console: "The console itself: health, metrics, audit, this document",
  auth: "Sign-in and the session",
  kafka: "Topics, messages, consumer groups and brokers",
  mongo: "Databases, collections, documents and indexes",
  prometheus: "Dashboards and PromQL queries",
  replay: "Event replay, reprocessing and projection rebuilds",
};

function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // Requests are described as clients send them (before defaults and transforms), responses as the server writes them.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "throw",
    cycles: "throw",
    reused: "inline",
    // z.number().int() says "a safe integer"; in what the server writes that is noise on every count.
    override: ({ jsonSchema }) => {
      if (io === "input") return;
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      // A tuple ([epoch ms, value] points) as an array of its members' union: schemathesis 4.32
      // reads `prefixItems` in response schemas as a draft-04 tuple and calls the schema invalid.
      if (Array.isArray(jsonSchema.prefixItems)) {
        jsonSchema.items = { anyOf: jsonSchema.prefixItems as z.core.JSONSchema.JSONSchema[] };
        delete jsonSchema.prefixItems;
      }
    },
  });
  return rest;
}

/** `/api/kafka/topics/[topic]` → `/api/kafka/topics/{topic}`. */
export function openApiPath(pattern: string): string {
  return pattern.replace(/\[([A-Za-z_]\w*)\]/g, "{$1}");
}

function operationId(method: HttpMethod, path: string): string {
  const words = path
    .replace(/^\/api\//, "")
    .split("/")
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment)?.[1];
      const pascal = (text: string) => text.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, _sep, c: string) => c.toUpperCase());
      return param ? `By${pascal(param)}` : pascal(segment);
    });
  return `${method.toLowerCase()}${words.join("")}`;
}

function parameters(schema: ObjectSchema | undefined, location: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = toJsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as JsonSchema & { description?: string };
    return { name, in: location, required: location === "path" || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

/**
 * A server-sent event stream: each event (as schemathesis and OpenAPI 3.2 see it, `{event, data}`)
 * names one of `events`, and its `data` is JSON of that event's schema.
 */
function eventStreamSchema(events: Record<string, z.ZodType>): JsonSchema {
  return {
    type: "object",
    required: ["event", "data"],
    properties: { event: { enum: Object.keys(events) }, data: { type: "string" } },
    allOf: Object.entries(events).map(([name, schema]) => ({
      if: { properties: { event: { const: name } } },
      then: { properties: { data: { type: "string", contentMediaType: "application/json", contentSchema: toJsonSchema(schema, "output") } } },
    })),
  };
}

function responses(operation: ApiOperation, key: string, isPublic: boolean, hasInput: boolean, hasPath: boolean): Record<string, unknown> {
  const { status, content, events, description } = operation.ok;
  const ok: Record<string, unknown> = { description: description ?? operation.summary };
  if (content) {
    ok.content = Object.fromEntries(Object.entries(content).map(([mediaType, schema]) => [mediaType, { schema: toJsonSchema(schema, "output") }]));
  }
  if (events) ok.content = { "text/event-stream": { schema: eventStreamSchema(events) } };
  if (status === 302) ok.headers = { Location: { schema: { type: "string" }, required: true } };
  const mutation = !key.startsWith("GET ");
  const errors = new Set<number>(operation.errors ?? []);
  if (hasInput) errors.add(400);
  if (!isPublic) errors.add(401);
  if (!isPublic || mutation) errors.add(403);
  if (hasPath) errors.add(404);
  // Every body is read up to a limit (1 MiB unless the route says otherwise).
  if (operation.body) errors.add(413);
  // MongoDB servers refuse some names and values the API's rules allow (FerretDB more than most): MONGO_REFUSED.
  if (key.includes(" /api/mongo/")) errors.add(422);
  if (!operation.local) [502, 503, 504].forEach((code) => errors.add(code));
  const result: Record<string, unknown> = { [String(status)]: ok };
  for (const code of [...errors].sort()) result[String(code)] = { $ref: `#/components/responses/Error${code}` };
  // Node's HTTP server answers it, with no body, before any route runs.
  result["431"] = { description: "The URL and headers together are larger than the server takes (16 KiB)" };
  return result;
}

function describeOperation(key: string, operation: ApiOperation, path: string, params: ObjectSchema | undefined): OpenApiOperation {
  const method = key.slice(0, key.indexOf(" ")) as HttpMethod;
  const role = operation.access.role;
  const isPublic = role === "public";
  const tag = /^\/api\/(kafka|mongo|prometheus|replay|auth)\//.exec(path)?.[1] ?? (path === "/api/projections" ? "replay" : "console");
  const body = operation.body;
  const doc: OpenApiOperation = {
    operationId: operationId(method, path),
    summary: operation.summary,
    description: [operation.description, isPublic ? "Public: no sign-in needed." : `Needs the ${role} role.`].filter(Boolean).join("\n\n"),
    tags: [tag],
    "x-eventdeck-role": role,
    parameters: [
      ...parameters(params, "path"),
      ...parameters(operation.query, "query"),
      ...(method === "GET" ? [] : [{ $ref: "#/components/parameters/CsrfHeader" }]),
    ],
    security: isPublic ? [] : [{ session: [] }],
    responses: responses(operation, key, isPublic, Boolean(params || operation.query || body), Boolean(params)),
  };
  if (body) {
    doc.requestBody = {
      required: body.required ?? true,
      content: { [body.mediaType ?? "application/json"]: { schema: toJsonSchema(body.schema, "input") } },
    };
  }
  return doc;
}

/** The OpenAPI 3.1 document of every operation in `apiOperations`, from the same zod schemas the handlers parse with. */
export function buildOpenApiDocument(version: string): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const [key, operation] of operationEntries) {
    const [method, pattern] = key.split(" ") as [HttpMethod, string];
    const targets = operation.concretePaths ?? [{ path: pattern, params: operation.params }];
    for (const target of targets) {
      const path = openApiPath(target.path);
      (paths[path] ??= {})[method.toLowerCase() as Lowercase<HttpMethod>] = describeOperation(key, operation, path, target.params);
    }
  }
  const errorResponses = Object.fromEntries(
    Object.entries(errorDescriptions).map(([code, description]) => [
      `Error${code}`,
      { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Eventdeck API",
      version,
      description:
        "The console's HTTP API. Sign in with POST /api/auth/signin (the session is an HttpOnly cookie); every request that changes something carries the `x-eventdeck-csrf: 1` header. Errors always have the shape `{ error: { code, message, details?, requestId? } }`.",
    },
    tags: Object.entries(tagDescriptions).map(([name, description]) => ({ name, description })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: { Error: toJsonSchema(errorBodySchema, "output") },
      responses: errorResponses,
      parameters: {
        CsrfHeader: {
          name: csrfHeader,
          in: "header",
          required: true,
          description: "Proves the request comes from a page that could read the console's answers (a cross-site form cannot set headers).",
          schema: { type: "string", const: "1" },
        },
      },
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: sessionCookie, description: "The session cookie POST /api/auth/signin sets" } },
    },
  };
}
