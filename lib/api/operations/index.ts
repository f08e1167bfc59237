import type { z } from "zod";
import type { ApiOperation } from "./define";
import { consoleOperations } from "./console";
import { kafkaOperations } from "./kafka";
import { mongoOperations } from "./mongo";
import { prometheusOperations } from "./prometheus";
import { replayOperations } from "./replay";
import { schemaOperations } from "./schemas";

/**
 * Every API operation, keyed "<METHOD> <route pattern>": its access rule, request and response
 * schemas and summary, declared once. The handler (`handle(key, …)` in server/http/route.ts)
 * parses and authorizes from it, the OpenAPI document (server/http/openapi.ts) is built from
 * it, and the browser client (lib/api/client.ts) takes its paths and types from it. A test
 * fails when a handler has no declaration or a declaration no handler.
 */
export const apiOperations = {
  ...consoleOperations,
  ...kafkaOperations,
  ...mongoOperations,
  ...prometheusOperations,
  ...replayOperations,
  ...schemaOperations,
};

export type ApiOperations = typeof apiOperations;
export type OperationKey = keyof ApiOperations;

type Schema<O, F extends string> = O extends { [P in F]: infer S extends z.ZodType } ? S : never;
type BodySchema<O> = O extends { body: { schema: infer S extends z.ZodType } } ? S : never;
type JsonSchema<O> = O extends { ok: { content: { "application/json": infer S extends z.ZodType } } } ? S : never;

/** What the handler receives, parsed: path parameters, query and body (undefined when the operation has none). */
export type ParamsOf<K extends OperationKey> = [Schema<ApiOperations[K], "params">] extends [never]
  ? Record<string, string | string[]>
  : z.output<Schema<ApiOperations[K], "params">>;
export type QueryOf<K extends OperationKey> = [Schema<ApiOperations[K], "query">] extends [never] ? undefined : z.output<Schema<ApiOperations[K], "query">>;
export type BodyOf<K extends OperationKey> = [BodySchema<ApiOperations[K]>] extends [never] ? undefined : z.output<BodySchema<ApiOperations[K]>>;
/** The JSON a successful call answers (never for operations that answer a stream, a file or a redirect). */
export type ResultOf<K extends OperationKey> = z.output<JsonSchema<ApiOperations[K]>>;

/** What a caller sends: path parameters and body when the operation has them, the query when it takes one. */
export type CallInput<K extends OperationKey> = ([Schema<ApiOperations[K], "params">] extends [never]
  ? unknown
  : { params: z.input<Schema<ApiOperations[K], "params">> }) &
  ([Schema<ApiOperations[K], "query">] extends [never] ? unknown : { query?: Partial<z.input<Schema<ApiOperations[K], "query">>> }) &
  ([BodySchema<ApiOperations[K]>] extends [never]
    ? unknown
    : ApiOperations[K] extends { body: { required: false } }
      ? { body?: z.input<BodySchema<ApiOperations[K]>> }
      : { body: z.input<BodySchema<ApiOperations[K]>> });

/** Keys of operations answering JSON: the ones the JSON client calls. */
export type JsonOperationKey = { [K in OperationKey]: [JsonSchema<ApiOperations[K]>] extends [never] ? never : K }[OperationKey];

export { splitOperationKey } from "./key";

/** Every declaration as the general shape (for code that walks all of them: the OpenAPI document, tests). */
export const operationEntries = Object.entries(apiOperations) as Array<[OperationKey, ApiOperation]>;
