import { partialMatchKey, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiCall } from "@/lib/api/client";
import type { alterTopicConfigsSchema, createTopicSchema, purgeTopicSchema } from "@/lib/schemas/kafka-topic-admin";
import { kafkaKeys, topicOptions } from "./kafka";

/** Topic lists, details, groups and the overview all change with a topic; refetch whatever is on screen. */
function refreshKafkaViews(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: kafkaKeys.all });
}

export const topicConfigsOptions = (name: string) =>
  queryOptions({
    queryKey: kafkaKeys.topicConfigs(name),
    queryFn: () => apiCall("GET /api/kafka/topics/[topic]/configs", { params: { topic: name } }),
  });

export const useTopicConfigs = (name: string) => useQuery(topicConfigsOptions(name));

export function useCreateTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof createTopicSchema>) => apiCall("POST /api/kafka/topics", { body: input }),
    onSuccess: (topic) => {
      queryClient.setQueryData(topicOptions(topic.name).queryKey, topic);
      void refreshKafkaViews(queryClient);
    },
  });
}

export function useAlterTopicConfigs(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: z.input<typeof alterTopicConfigsSchema>) =>
      apiCall("PATCH /api/kafka/topics/[topic]/configs", { params: { topic: name }, body: change }),
    onSuccess: (configs) => queryClient.setQueryData(topicConfigsOptions(name).queryKey, configs),
  });
}

export function useAddPartitions(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (count: number) => apiCall("POST /api/kafka/topics/[topic]/partitions", { params: { topic: name }, body: { count } }),
    onSuccess: () => refreshKafkaViews(queryClient),
  });
}

/** A dry run (the default) answers what a purge would delete; `dryRun: false` deletes. */
export function usePurgeTopic(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof purgeTopicSchema>) => apiCall("POST /api/kafka/topics/[topic]/purge", { params: { topic: name }, body: input }),
    onSuccess: (result) => {
      if (!result.dryRun) void refreshKafkaViews(queryClient);
    },
  });
}

export function useDeleteTopic(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirm: string) => apiCall("DELETE /api/kafka/topics/[topic]", { params: { topic: name }, body: { confirm } }),
    onSuccess: () => {
      // The deleted topic's page must not refetch itself into a 404 on the way out.
      queryClient.removeQueries({ queryKey: kafkaKeys.topic(name) });
      void queryClient.invalidateQueries({ queryKey: kafkaKeys.all, predicate: (query) => !partialMatchKey(query.queryKey, kafkaKeys.topic(name)) });
    },
  });
}
