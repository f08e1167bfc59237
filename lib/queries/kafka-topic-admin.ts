import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { fetchJson, sendJson } from "@/lib/api/fetch-json";
import type { TopicDetail } from "@/lib/schemas/kafka";
import type {
  AddPartitionsResult,
  alterTopicConfigsSchema,
  createTopicSchema,
  DeleteTopicResult,
  purgeTopicSchema,
  PurgeTopicResult,
  TopicConfigs,
} from "@/lib/schemas/kafka-topic-admin";
import { kafkaKeys } from "./kafka";

export const topicAdminKeys = {
  configs: (name: string) => [...kafkaKeys.topic(name), "configs"] as const,
};

const topicUrl = (name: string) => `/api/kafka/topics/${encodeURIComponent(name)}`;

const isUnder = (key: readonly unknown[], prefix: readonly unknown[]) => prefix.every((part, i) => key[i] === part);

/** Topic lists, details, groups and the overview all change with a topic; refetch whatever is on screen. */
function refreshKafkaViews(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: kafkaKeys.all });
}

export const topicConfigsOptions = (name: string) =>
  queryOptions({
    queryKey: topicAdminKeys.configs(name),
    queryFn: () => fetchJson<TopicConfigs>(`${topicUrl(name)}/configs`),
  });

export const useTopicConfigs = (name: string) => useQuery(topicConfigsOptions(name));

export function useCreateTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof createTopicSchema>) => sendJson<TopicDetail>("/api/kafka/topics", "POST", input),
    onSuccess: (topic) => {
      queryClient.setQueryData(kafkaKeys.topic(topic.name), topic);
      void refreshKafkaViews(queryClient);
    },
  });
}

export function useAlterTopicConfigs(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: z.input<typeof alterTopicConfigsSchema>) => sendJson<TopicConfigs>(`${topicUrl(name)}/configs`, "PATCH", change),
    onSuccess: (configs) => queryClient.setQueryData(topicAdminKeys.configs(name), configs),
  });
}

export function useAddPartitions(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (count: number) => sendJson<AddPartitionsResult>(`${topicUrl(name)}/partitions`, "POST", { count }),
    onSuccess: () => refreshKafkaViews(queryClient),
  });
}

/** A dry run (the default) answers what a purge would delete; `dryRun: false` deletes. */
export function usePurgeTopic(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof purgeTopicSchema>) => sendJson<PurgeTopicResult>(`${topicUrl(name)}/purge`, "POST", input),
    onSuccess: (result) => {
      if (!result.dryRun) void refreshKafkaViews(queryClient);
    },
  });
}

export function useDeleteTopic(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirm: string) => sendJson<DeleteTopicResult>(topicUrl(name), "DELETE", { confirm }),
    onSuccess: () => {
      // The deleted topic's page must not refetch itself into a 404 on the way out.
      queryClient.removeQueries({ queryKey: kafkaKeys.topic(name) });
      void queryClient.invalidateQueries({ queryKey: kafkaKeys.all, predicate: (query) => !isUnder(query.queryKey, kafkaKeys.topic(name)) });
    },
  });
}
