import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiCall } from "@/lib/api/client";
import type { lagHistoryQuerySchema, ResetOffsetsInput } from "@/lib/schemas/kafka";

/** Lag is computed at most every 2 s on the server; polling groups every 3 s keeps what a page shows under 5 s old. */
export const kafkaPollIntervals = { overview: 5_000, topics: 10_000, topic: 5_000, groups: 3_000 } as const;

/** Every Kafka query's key: topics (with their configs and messages), groups and brokers, nested from "kafka" down. */
export const kafkaKeys = {
  all: ["kafka"] as const,
  topics: (filters: { internal: boolean }) => [...kafkaKeys.all, "topics", filters] as const,
  topic: (name: string) => [...kafkaKeys.all, "topics", "detail", name] as const,
  topicConfigs: (name: string) => [...kafkaKeys.topic(name), "configs"] as const,
  messages: (topic: string) => [...kafkaKeys.all, "topics", "messages", topic] as const,
  message: (topic: string, partition: number, offset: string) => [...kafkaKeys.messages(topic), partition, offset] as const,
  groups: () => [...kafkaKeys.all, "groups"] as const,
  group: (groupId: string) => [...kafkaKeys.all, "groups", "detail", groupId] as const,
  lagHistory: (groupId: string, range: string) => [...kafkaKeys.all, "groups", "lag-history", groupId, range] as const,
  overview: () => [...kafkaKeys.all, "overview"] as const,
  brokers: () => [...kafkaKeys.all, "brokers"] as const,
  broker: (nodeId: number) => [...kafkaKeys.all, "brokers", nodeId] as const,
};

export const kafkaOverviewOptions = queryOptions({
  queryKey: kafkaKeys.overview(),
  queryFn: () => apiCall("GET /api/kafka/overview"),
  refetchInterval: kafkaPollIntervals.overview,
});

export const useKafkaOverview = () => useQuery(kafkaOverviewOptions);

export const topicsOptions = (filters: { internal: boolean }) =>
  queryOptions({
    queryKey: kafkaKeys.topics(filters),
    queryFn: () => apiCall("GET /api/kafka/topics", { query: { internal: filters.internal ? "true" : "false" } }),
    refetchInterval: kafkaPollIntervals.topics,
    placeholderData: keepPreviousData,
  });

export const topicOptions = (name: string) =>
  queryOptions({
    queryKey: kafkaKeys.topic(name),
    queryFn: () => apiCall("GET /api/kafka/topics/[topic]", { params: { topic: name } }),
    refetchInterval: kafkaPollIntervals.topic,
  });

export const groupsOptions = queryOptions({
  queryKey: kafkaKeys.groups(),
  queryFn: () => apiCall("GET /api/kafka/groups"),
  refetchInterval: kafkaPollIntervals.groups,
});

export const useTopics = (filters: { internal: boolean }) => useQuery(topicsOptions(filters));
export const useTopic = (name: string) => useQuery(topicOptions(name));
export const useConsumerGroups = () => useQuery(groupsOptions);

export const groupOptions = (groupId: string) =>
  queryOptions({
    queryKey: kafkaKeys.group(groupId),
    queryFn: () => apiCall("GET /api/kafka/groups/[group]", { params: { group: groupId } }),
    refetchInterval: kafkaPollIntervals.groups,
  });

export type LagRange = NonNullable<z.input<typeof lagHistoryQuerySchema>["range"]>;

export const lagHistoryOptions = (groupId: string, range: LagRange) =>
  queryOptions({
    queryKey: kafkaKeys.lagHistory(groupId, range),
    queryFn: () => apiCall("GET /api/kafka/groups/[group]/lag-history", { params: { group: groupId }, query: { range } }),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });

export const useConsumerGroup = (groupId: string) => useQuery(groupOptions(groupId));
export const useLagHistory = (groupId: string, range: LagRange) => useQuery(lagHistoryOptions(groupId, range));

/** A dry run (`dryRun` true, the default) answers what a reset would change; otherwise the offsets move and every Kafka view is refetched. */
export function useResetOffsets(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ResetOffsetsInput) => apiCall("POST /api/kafka/groups/[group]/reset-offsets", { params: { group: groupId }, body: input }),
    onSuccess: (_result, input) => {
      if (!input.dryRun) void queryClient.invalidateQueries({ queryKey: kafkaKeys.all });
    },
  });
}

export const useBrokers = () => useQuery({ queryKey: kafkaKeys.brokers(), queryFn: () => apiCall("GET /api/kafka/brokers"), refetchInterval: 10_000 });

export const useBroker = (nodeId: number) =>
  useQuery({
    queryKey: kafkaKeys.broker(nodeId),
    queryFn: () => apiCall("GET /api/kafka/brokers/[broker]", { params: { broker: nodeId } }),
    refetchInterval: 10_000,
  });
