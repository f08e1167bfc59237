import "server-only";
import { z } from "zod";
import { auditQuerySchema } from "@/lib/schemas/audit";
import { signInSchema } from "@/lib/schemas/auth";
import { healthReportSchema } from "@/lib/schemas/health";
import { brokerParams, groupParams, lagHistoryQuerySchema, resetOffsetsSchema, topicListQuerySchema, topicParams } from "@/lib/schemas/kafka";
import { browseQuerySchema, messageParams, produceMessageSchema } from "@/lib/schemas/kafka-messages";
import { addPartitionsSchema, alterTopicConfigsSchema, createTopicSchema, deleteTopicSchema, purgeTopicSchema } from "@/lib/schemas/kafka-topic-admin";
import { autocompleteQuerySchema, instantQuerySchema, labelValuesQuerySchema, panelsRequestSchema, rangeQuerySchema } from "@/lib/schemas/metrics";
import { namespaceParams } from "@/lib/schemas/mongo";
import {
  collectionListQuerySchema,
  createCollectionSchema,
  databaseListQuerySchema,
  databaseParams,
  documentsQuerySchema,
  dropConfirmSchema,
  exportQuerySchema,
  renameCollectionSchema,
} from "@/lib/schemas/mongo-browse";
import {
  aggregateSchema,
  createIndexSchema,
  deleteDocumentQuerySchema,
  deleteDocumentSchema,
  documentParams,
  dropIndexSchema,
  indexParams,
  insertDocumentSchema,
  saveDocumentSchema,
} from "@/lib/schemas/mongo-document";
import { createReplayJobSchema, replayJobActionParams, replayJobListQuerySchema, replayJobParams, replaySpecSchema } from "@/lib/schemas/replay";
import { consistencyCheckParams, startConsistencyCheckSchema, traceQuerySchema } from "@/lib/schemas/system";
import { sessionInfo, settingsList, signInResult } from "./api-responses/auth";
import * as kafka from "./api-responses/kafka";
import { autocompleteResponse, dashboardList, instantQueryResponse, labelValuesResponse, panelsResponse, rangeQueryResponse } from "./api-responses/metrics";
import * as mongo from "./api-responses/mongo";
import { auditEntry, projectionList, replayJob, replayPlan } from "./api-responses/replay";
import { consistencyCheck, declaredCopy, entityTrace, systemCatalog, systemMap } from "./api-responses/system";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type ObjectSchema = z.ZodObject;

/** What a successful call answers: its status, media types and the schema of the body. */
export interface SuccessResponse {
  status: 200 | 201 | 204 | 302;
  /** Media type → schema of the body; none for 204 and redirects. */
  content?: Partial<Record<"application/json" | "application/x-ndjson" | "text/csv" | "text/plain", z.ZodType>>;
  /** A server-sent event stream instead: event name → schema of its JSON `data`. */
  events?: Record<string, z.ZodType>;
  description?: string;
}

export interface ApiOperation {
  summary: string;
  description?: string;
  /** Path parameters, by the names in the route's pattern. */
  params?: ObjectSchema;
  query?: ObjectSchema;
  body?: { schema: z.ZodType; mediaType?: "application/json" | "application/x-ndjson"; required?: boolean };
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

const json = (schema: z.ZodType, status: SuccessResponse["status"] = 200): SuccessResponse => ({ status, content: { "application/json": schema } });
const list = <K extends string>(key: K, item: z.ZodType) => json(z.object({ [key]: z.array(item) } as Record<K, z.ZodArray<z.ZodType>>));
const sse = (events: Record<string, z.ZodType>, description: string): SuccessResponse => ({ status: 200, events, description });
/** A DELETE confirms itself with `confirm` in the query or in a JSON body. */
const confirmation = (schema: ObjectSchema) => ({ query: schema.partial(), body: { schema, required: false } });

const mongoCollection = "/api/mongo/databases/[db]/collections/[collection]";

/**
 * Every API operation, keyed "<METHOD> <route pattern>" exactly as its handler names itself
 * to `route()`. The request schemas are the ones the handlers parse with, so the OpenAPI
 * document (server/http/openapi.ts, served at /api/openapi.json) cannot drift from them; a
 * test fails when a handler has no entry here or an entry has no handler.
 */
export const apiOperations: Readonly<Record<string, ApiOperation>> = {
  // Console and sign-in
  "GET /api/health": {
    summary: "Health of Kafka, MongoDB and Prometheus (always 200: a backend that is down is data)",
    ok: json(healthReportSchema),
    local: true,
  },
  "GET /api/metrics": {
    summary: "The console's own metrics in the Prometheus text format",
    ok: { status: 200, content: { "text/plain": z.string() } },
    local: true,
  },
  "GET /api/openapi.json": {
    summary: "This document",
    ok: json(z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) })),
    local: true,
  },
  "GET /api/settings": { summary: "The effective configuration, every secret and URI credential redacted", ok: json(settingsList), local: true },
  "GET /api/audit": { summary: "Audit records, newest first; `action` matches a prefix", query: auditQuerySchema, ok: list("entries", auditEntry) },
  "POST /api/auth/signin": {
    summary: "Signs a local user in: sets the HttpOnly session cookie",
    body: { schema: signInSchema },
    ok: json(signInResult),
    errors: [401, 429],
    local: true,
  },
  "POST /api/auth/signout": { summary: "Ends the session (removes the cookie)", ok: { status: 204 }, local: true },
  "GET /api/auth/session": { summary: "Who is signed in, how sign-in works here, and whether the console is read-only", ok: json(sessionInfo), local: true },
  // The OpenID Connect routes hand the query to openid-client (start: `returnTo`, made safe by
  // safeReturnTo; callback: the provider's parameters), so these query schemas only document them.
  "GET /api/auth/oidc/start": {
    summary: "Sends the browser to the identity provider (AUTH=oidc)",
    query: z.object({ returnTo: z.string().optional().describe("A path of this console to come back to") }),
    ok: { status: 302, description: "To the identity provider, with a short-lived cookie for the flow" },
    local: true,
  },
  "GET /api/auth/oidc/callback": {
    summary: "Where the identity provider sends the browser back: starts the session",
    query: z.looseObject({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional() }),
    ok: { status: 302, description: "Back to the page the sign-in started from, or to the sign-in form with the reason" },
    local: true,
  },

  // Kafka
  "GET /api/kafka/overview": { summary: "Brokers, partition health and lag of the whole cluster", ok: json(kafka.kafkaOverview) },
  "GET /api/kafka/brokers": { summary: "Every broker with rack, leader and replica counts and log directory size", ok: list("brokers", kafka.brokerInfo) },
  "GET /api/kafka/brokers/[broker]": {
    summary: "One broker: its log directories with sizes per topic, and its configs",
    params: brokerParams,
    ok: json(kafka.brokerDetail),
  },
  "GET /api/kafka/groups": { summary: "Every consumer group with state, members and lag per partition", ok: list("groups", kafka.consumerGroupLag) },
  "GET /api/kafka/groups/[group]": {
    summary: "A group's members with their assignments, and lag per partition in messages and seconds",
    params: groupParams,
    ok: json(kafka.consumerGroupDetail),
  },
  "GET /api/kafka/groups/[group]/lag-history": {
    summary: "A group's total lag over time, from Prometheus",
    params: groupParams,
    query: lagHistoryQuerySchema,
    ok: json(kafka.lagHistory),
  },
  "POST /api/kafka/groups/[group]/reset-offsets": {
    summary: "Resets a group's committed offsets; a dry run unless `dryRun` is false",
    params: groupParams,
    body: { schema: resetOffsetsSchema },
    ok: json(kafka.resetOffsetsResult),
    errors: [409],
  },
  "GET /api/kafka/topics": {
    summary: "Every topic with partitions, replication and retained messages",
    query: topicListQuerySchema,
    ok: list("topics", kafka.topicSummary),
  },
  "POST /api/kafka/topics": { summary: "Creates a topic", body: { schema: createTopicSchema }, ok: json(kafka.topicDetail, 201), errors: [409] },
  "GET /api/kafka/topics/[topic]": { summary: "Partitions with leader, replicas, ISR and watermarks", params: topicParams, ok: json(kafka.topicDetail) },
  "DELETE /api/kafka/topics/[topic]": {
    summary: "Deletes a topic; `confirm` must repeat its name",
    params: topicParams,
    ...confirmation(deleteTopicSchema),
    ok: json(kafka.deleteTopicResult),
    errors: [409],
  },
  "GET /api/kafka/topics/[topic]/configs": {
    summary: "Every config with value, source and read-only flag; sensitive values redacted",
    params: topicParams,
    ok: json(kafka.topicConfigs),
  },
  "PATCH /api/kafka/topics/[topic]/configs": {
    summary: "Sets and removes config overrides; others stay",
    params: topicParams,
    body: { schema: alterTopicConfigsSchema },
    ok: json(kafka.topicConfigs),
  },
  "POST /api/kafka/topics/[topic]/partitions": {
    summary: "Raises the partition count to `count`",
    params: topicParams,
    body: { schema: addPartitionsSchema },
    ok: json(kafka.addPartitionsResult),
  },
  "POST /api/kafka/topics/[topic]/purge": {
    summary: "Deletes records below offsets; a dry run unless `dryRun` is false",
    params: topicParams,
    body: { schema: purgeTopicSchema },
    ok: json(kafka.purgeTopicResult),
  },
  "GET /api/kafka/topics/[topic]/messages": {
    summary: "Browses and searches messages as server-sent events",
    description:
      "Events: `start`, then `message` per match and `progress`, then `done` (or `error`). Bad input and an unknown topic are answered as JSON errors before the stream begins.",
    params: topicParams,
    query: browseQuerySchema,
    ok: sse(kafka.scanEvents, "A stream of `event: start|message|progress|done|error` with JSON data"),
  },
  "POST /api/kafka/topics/[topic]/messages": {
    summary: "Writes one message",
    params: topicParams,
    body: { schema: produceMessageSchema },
    ok: json(kafka.produceResult, 201),
  },
  "GET /api/kafka/topics/[topic]/messages/[partition]/[offset]": {
    summary: "One message with its payloads whole",
    params: messageParams,
    ok: json(kafka.kafkaMessage),
  },

  // MongoDB
  "GET /api/mongo/databases": { summary: "Databases with sizes and collection counts", query: databaseListQuerySchema, ok: json(mongo.databaseList) },
  "DELETE /api/mongo/databases/[db]": {
    summary: "Drops a database; `confirm` must repeat its name",
    params: databaseParams,
    ...confirmation(dropConfirmSchema),
    ok: json(mongo.droppedDatabase),
  },
  "GET /api/mongo/databases/[db]/collections": {
    summary: "Collections with counts (estimated; exact on demand), sizes and index counts",
    params: databaseParams,
    query: collectionListQuerySchema,
    ok: json(mongo.collectionList),
  },
  "POST /api/mongo/databases/[db]/collections": {
    summary: "Creates an empty collection",
    params: databaseParams,
    body: { schema: createCollectionSchema },
    ok: json(mongo.collectionSummary, 201),
    errors: [409],
  },
  [`GET ${mongoCollection}`]: {
    summary: "One collection's counts and sizes",
    params: namespaceParams,
    query: collectionListQuerySchema,
    ok: json(mongo.collectionSummary),
  },
  [`PATCH ${mongoCollection}`]: {
    summary: "Renames a collection within its database",
    params: namespaceParams,
    body: { schema: renameCollectionSchema },
    ok: json(mongo.collectionSummary),
    errors: [409],
  },
  [`DELETE ${mongoCollection}`]: {
    summary: "Drops a collection; `confirm` must repeat its name",
    params: namespaceParams,
    ...confirmation(dropConfirmSchema),
    ok: json(mongo.droppedCollection),
  },
  [`GET ${mongoCollection}/documents`]: {
    summary: "One page of documents by keyset, as canonical Extended JSON",
    params: namespaceParams,
    query: documentsQuerySchema,
    ok: json(mongo.documentsPage),
  },
  [`POST ${mongoCollection}/documents/insert`]: {
    summary: "Inserts one document (Extended JSON text)",
    params: namespaceParams,
    body: { schema: insertDocumentSchema },
    ok: json(mongo.documentView, 201),
    errors: [409],
  },
  [`GET ${mongoCollection}/documents/[id]`]: { summary: "One document with its version token", params: documentParams, ok: json(mongo.documentView) },
  [`PUT ${mongoCollection}/documents/[id]`]: {
    summary: "Replaces a document if unchanged since it was loaded",
    params: documentParams,
    body: { schema: saveDocumentSchema },
    ok: json(mongo.documentView),
    errors: [409],
  },
  [`DELETE ${mongoCollection}/documents/[id]`]: {
    summary: "Deletes a document: with the version it was loaded with, or `confirm: true`",
    params: documentParams,
    query: deleteDocumentQuerySchema,
    body: { schema: deleteDocumentSchema, required: false },
    ok: json(mongo.deleteDocumentResult),
    errors: [409],
  },
  [`POST ${mongoCollection}/aggregate`]: {
    summary: "Runs a read-only aggregation pipeline",
    params: namespaceParams,
    body: { schema: aggregateSchema },
    ok: json(mongo.aggregateResult),
  },
  [`GET ${mongoCollection}/export`]: {
    summary: "The matching documents, streamed as JSON lines or CSV",
    params: namespaceParams,
    query: exportQuerySchema,
    ok: { status: 200, content: { "application/x-ndjson": z.string(), "text/csv": z.string() } },
  },
  [`POST ${mongoCollection}/import`]: {
    summary: "Inserts JSON lines (Extended JSON, at most 10 MiB); failed lines are reported",
    params: namespaceParams,
    body: { schema: z.string(), mediaType: "application/x-ndjson" },
    ok: json(mongo.importReport),
  },
  [`GET ${mongoCollection}/indexes`]: { summary: "Keys, options and sizes of every index", params: namespaceParams, ok: json(mongo.indexList) },
  [`POST ${mongoCollection}/indexes`]: {
    summary: "Creates an index",
    params: namespaceParams,
    body: { schema: createIndexSchema },
    ok: json(mongo.createIndexResult, 201),
    errors: [409],
  },
  [`DELETE ${mongoCollection}/indexes/[name]`]: {
    summary: "Drops an index; `confirm` must repeat its name (`_id_` is refused)",
    params: indexParams,
    ...confirmation(dropIndexSchema),
    ok: json(mongo.droppedIndex),
  },

  // Prometheus
  "GET /api/prometheus/autocomplete/[...path]": {
    summary: "Labels, label values, series and metadata for the PromQL editor, in Prometheus's envelope",
    query: autocompleteQuerySchema,
    ok: json(autocompleteResponse),
    concretePaths: [
      { path: "/api/prometheus/autocomplete/api/v1/labels" },
      { path: "/api/prometheus/autocomplete/api/v1/label/[name]/values", params: z.object({ name: labelValuesQuerySchema.shape.label }) },
      { path: "/api/prometheus/autocomplete/api/v1/series" },
      { path: "/api/prometheus/autocomplete/api/v1/metadata" },
    ],
  },
  "GET /api/prometheus/dashboards": { summary: "The dashboards the console ships", ok: json(dashboardList), local: true },
  "GET /api/prometheus/label-values": { summary: "Values of a label (dashboard variables)", query: labelValuesQuerySchema, ok: json(labelValuesResponse) },
  "POST /api/prometheus/panels": {
    summary: "Every panel of a dashboard for a range and variables",
    body: { schema: panelsRequestSchema },
    ok: json(panelsResponse),
    errors: [404],
  },
  "GET /api/prometheus/query": { summary: "An instant PromQL query", query: instantQuerySchema, ok: json(instantQueryResponse) },
  "GET /api/prometheus/query_range": {
    summary: "A range PromQL query; the server picks the step when none fits",
    query: rangeQuerySchema,
    ok: json(rangeQueryResponse),
  },

  // Replay
  "GET /api/projections": { summary: "Rebuildable read models the configured services expose", ok: json(projectionList) },
  "POST /api/replay/plan": { summary: "The dry run of a replay spec; writes nothing", body: { schema: replaySpecSchema }, ok: json(replayPlan), errors: [404] },
  "GET /api/replay/jobs": { summary: "Replay jobs, newest first", query: replayJobListQuerySchema, ok: list("jobs", replayJob) },
  "POST /api/replay/jobs": {
    summary: "Queues a replay after the server's own dry run",
    body: { schema: createReplayJobSchema },
    ok: json(z.object({ job: replayJob }), 201),
    errors: [404, 409],
  },
  "GET /api/replay/jobs/[id]": {
    summary: "One job with its audit records",
    params: replayJobParams,
    ok: json(z.object({ job: replayJob, audit: z.array(auditEntry) })),
  },
  "GET /api/replay/jobs/[id]/events": {
    summary: "A job's progress as server-sent events",
    description: "`event: job` with the whole job each time it changes, ending once it is completed, cancelled or failed.",
    params: replayJobParams,
    ok: sse({ job: replayJob }, "A stream of `event: job` with the job as JSON data"),
  },
  "POST /api/replay/jobs/[id]/[action]": {
    summary: "Pauses, resumes or cancels a job",
    params: replayJobActionParams,
    ok: json(z.object({ job: replayJob })),
    errors: [409],
  },

  // System view
  "GET /api/system/map": { summary: "Services, topics and consumer groups with produce and consume edges, rates, lag and health", ok: json(systemMap) },
  "GET /api/system/catalog": { summary: "What each topic of the system carries, the entities and the event envelope", ok: json(systemCatalog) },
  "GET /api/system/trace": {
    summary: "An entity's or a trace's events across the declared topics, its documents, group positions and copies",
    description: "By id, only the partition the id hashes to is read in each topic; by traceId, every partition.",
    query: traceQuerySchema,
    ok: json(entityTrace),
    errors: [404],
  },
  "GET /api/system/consistency": {
    summary: "The declared copies and the latest consistency checks",
    ok: json(z.object({ copies: z.array(declaredCopy), checks: z.array(consistencyCheck) })),
  },
  "POST /api/system/consistency": {
    summary: "Starts a consistency check of a declared copy",
    body: { schema: startConsistencyCheckSchema },
    ok: json(z.object({ check: consistencyCheck }), 201),
    errors: [404],
  },
  "GET /api/system/consistency/[id]": {
    summary: "One consistency check with its mismatches",
    params: consistencyCheckParams,
    ok: json(z.object({ check: consistencyCheck })),
  },
};
