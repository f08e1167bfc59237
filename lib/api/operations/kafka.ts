import { brokerParams, groupParams, lagHistoryQuerySchema, resetOffsetsSchema, topicListQuerySchema, topicParams } from "@/lib/schemas/kafka";
import { browseQuerySchema, maxProduceBytes, messageParams, produceMessageSchema } from "@/lib/schemas/kafka-messages";
import { addPartitionsSchema, alterTopicConfigsSchema, createTopicSchema, deleteTopicSchema, purgeTopicSchema } from "@/lib/schemas/kafka-topic-admin";
import * as kafka from "../responses/kafka";
import { admin, confirmation, json, list, operator, sse, viewer, type ApiOperation } from "./define";

export const kafkaOperations = {
  "GET /api/kafka/overview": { access: viewer, summary: "Brokers, partition health and lag of the whole cluster", ok: json(kafka.kafkaOverview) },
  "GET /api/kafka/brokers": {
    access: viewer,
    summary: "Every broker with rack, leader and replica counts and log directory size",
    ok: list("brokers", kafka.brokerInfo),
  },
  "GET /api/kafka/brokers/[broker]": {
    access: viewer,
    summary: "One broker: its log directories with sizes per topic, and its configs",
    params: brokerParams,
    ok: json(kafka.brokerDetail),
  },
  "GET /api/kafka/groups": {
    access: viewer,
    summary: "Every consumer group with state, members and lag per partition",
    ok: list("groups", kafka.consumerGroupLag),
  },
  "GET /api/kafka/groups/[group]": {
    access: viewer,
    summary: "A group's members with their assignments, and lag per partition in messages and seconds",
    params: groupParams,
    ok: json(kafka.consumerGroupDetail),
  },
  "GET /api/kafka/groups/[group]/lag-history": {
    access: viewer,
    summary: "A group's total lag over time, from Prometheus",
    params: groupParams,
    query: lagHistoryQuerySchema,
    ok: json(kafka.lagHistory),
  },
  "POST /api/kafka/groups/[group]/reset-offsets": {
    access: operator,
    summary: "Resets a group's committed offsets; a dry run unless `dryRun` is false",
    params: groupParams,
    body: { schema: resetOffsetsSchema },
    ok: json(kafka.resetOffsetsResult),
    errors: [409],
  },
  "GET /api/kafka/topics": {
    access: viewer,
    summary: "Every topic with partitions, replication and retained messages",
    query: topicListQuerySchema,
    ok: list("topics", kafka.topicSummary),
  },
  "POST /api/kafka/topics": {
    access: operator,
    summary: "Creates a topic",
    body: { schema: createTopicSchema },
    ok: json(kafka.topicDetail, 201),
    errors: [409],
  },
  "GET /api/kafka/topics/[topic]": {
    access: viewer,
    summary: "Partitions with leader, replicas, ISR and watermarks",
    params: topicParams,
    ok: json(kafka.topicDetail),
  },
  "DELETE /api/kafka/topics/[topic]": {
    access: admin,
    summary: "Deletes a topic; `confirm` must repeat its name",
    params: topicParams,
    ...confirmation(deleteTopicSchema),
    ok: json(kafka.deleteTopicResult),
    errors: [409],
  },
  "GET /api/kafka/topics/[topic]/configs": {
    access: viewer,
    summary: "Every config with value, source and read-only flag; sensitive values redacted",
    params: topicParams,
    ok: json(kafka.topicConfigs),
  },
  "PATCH /api/kafka/topics/[topic]/configs": {
    access: admin,
    summary: "Sets and removes config overrides; others stay",
    params: topicParams,
    body: { schema: alterTopicConfigsSchema },
    ok: json(kafka.topicConfigs),
  },
  "POST /api/kafka/topics/[topic]/partitions": {
    access: admin,
    summary: "Raises the partition count to `count`",
    params: topicParams,
    body: { schema: addPartitionsSchema },
    ok: json(kafka.addPartitionsResult),
  },
  "POST /api/kafka/topics/[topic]/purge": {
    access: admin,
    summary: "Deletes records below offsets; a dry run unless `dryRun` is false",
    params: topicParams,
    body: { schema: purgeTopicSchema },
    ok: json(kafka.purgeTopicResult),
  },
  "GET /api/kafka/topics/[topic]/messages": {
    access: viewer,
    summary: "Browses and searches messages as server-sent events",
    description:
      "Events: `start`, then `message` per match and `progress`, then `done` (or `error`). Bad input and an unknown topic are answered as JSON errors before the stream begins.",
    params: topicParams,
    query: browseQuerySchema,
    ok: sse(kafka.scanEvents, "A stream of `event: start|message|progress|done|error` with JSON data"),
  },
  "POST /api/kafka/topics/[topic]/messages": {
    access: operator,
    summary: "Writes one message",
    params: topicParams,
    body: {
      schema: produceMessageSchema,
      maxBytes: maxProduceBytes,
      tooLargeMessage: `The message is larger than ${maxProduceBytes / 1024 / 1024} MiB; the console sends messages up to that size`,
    },
    ok: json(kafka.produceResult, 201),
  },
  "GET /api/kafka/topics/[topic]/messages/[partition]/[offset]": {
    access: viewer,
    summary: "One message with its payloads whole",
    params: messageParams,
    ok: json(kafka.kafkaMessage),
  },
} satisfies Record<string, ApiOperation>;
