import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type {
  BrokerDetail,
  BrokerInfo,
  ConsumerGroupDetail,
  ConsumerGroupLag,
  KafkaOverview,
  LagHistory,
  TopicDetail,
  TopicSummary,
} from "@/lib/schemas/kafka";

/** Lag is computed at most every 2 s on the server; polling groups every 3 s keeps what a page shows under 5 s old. */
export const kafkaPollIntervals = { overview: 5_000, topics: 10_000, topic: 5_000, groups: 3_000 } as const;

export const kafkaKeys = {
  all: ["kafka"] as const,
  topics: (filters: { internal: boolean }) => [...kafkaKeys.all, "topics", filters] as const,
  topic: (name: string) => [...kafkaKeys.all, "topics", "detail", name] as const,
  groups: () => [...kafkaKeys.all, "groups"] as const,
  group: (groupId: string) => [...kafkaKeys.all, "groups", "detail", groupId] as const,
  lagHistory: (groupId: string, range: string) => [...kafkaKeys.all, "groups", "lag-history", groupId, range] as const,
  overview: () => [...kafkaKeys.all, "overview"] as const,
  brokers: () => [...kafkaKeys.all, "brokers"] as const,
  broker: (nodeId: number) => [...kafkaKeys.all, "brokers", nodeId] as const,
};

export const kafkaOverviewOptions = queryOptions({
  queryKey: kafkaKeys.overview(),
  queryFn: () => fetchJson<KafkaOverview>("/api/kafka/overview"),
  refetchInterval: kafkaPollIntervals.overview,
});

export const useKafkaOverview = () => useQuery(kafkaOverviewOptions);

export const topicsOptions = (filters: { internal: boolean }) =>
  queryOptions({
    queryKey: kafkaKeys.topics(filters),
    queryFn: () => fetchJson<{ topics: TopicSummary[] }>(`/api/kafka/topics?internal=${filters.internal}`),
    refetchInterval: kafkaPollIntervals.topics,
    placeholderData: keepPreviousData,
  });

export const topicOptions = (name: string) =>
  queryOptions({
    queryKey: kafkaKeys.topic(name),
    queryFn: () => fetchJson<TopicDetail>(`/api/kafka/topics/${encodeURIComponent(name)}`),
    refetchInterval: kafkaPollIntervals.topic,
  });

export const groupsOptions = queryOptions({
  queryKey: kafkaKeys.groups(),
  queryFn: () => fetchJson<{ groups: ConsumerGroupLag[] }>("/api/kafka/groups"),
  refetchInterval: kafkaPollIntervals.groups,
});

export const useTopics = (filters: { internal: boolean }) => useQuery(topicsOptions(filters));
export const useTopic = (name: string) => useQuery(topicOptions(name));
export const useConsumerGroups = () => useQuery(groupsOptions);

export const groupOptions = (groupId: string) =>
  queryOptions({
    queryKey: kafkaKeys.group(groupId),
    queryFn: () => fetchJson<ConsumerGroupDetail>(`/api/kafka/groups/${encodeURIComponent(groupId)}`),
    refetchInterval: kafkaPollIntervals.groups,
  });

export const lagHistoryOptions = (groupId: string, range: string) =>
  queryOptions({
    queryKey: kafkaKeys.lagHistory(groupId, range),
    queryFn: () => fetchJson<LagHistory>(`/api/kafka/groups/${encodeURIComponent(groupId)}/lag-history?range=${range}`),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });

export const useConsumerGroup = (groupId: string) => useQuery(groupOptions(groupId));
export const useLagHistory = (groupId: string, range: string) => useQuery(lagHistoryOptions(groupId, range));

export const useBrokers = () =>
  useQuery({ queryKey: kafkaKeys.brokers(), queryFn: () => fetchJson<{ brokers: BrokerInfo[] }>("/api/kafka/brokers"), refetchInterval: 10_000 });

export const useBroker = (nodeId: number) =>
  useQuery({ queryKey: kafkaKeys.broker(nodeId), queryFn: () => fetchJson<BrokerDetail>(`/api/kafka/brokers/${nodeId}`), refetchInterval: 10_000 });
