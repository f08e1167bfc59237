import "server-only";
import { AssignerProtocol } from "kafkajs";
import type { ConsumerGroupDetail, GroupMember, LagHistory } from "@/lib/schemas/kafka";
import { cached } from "../cache";
import { prometheusGet } from "../prometheus/client";
import { kafkaAdmin } from "./call";
import { describeConsumerGroup } from "./groups";

/** Topic → partitions a member was given, from the assignment bytes of the consumer protocol. */
export function decodeAssignment(bytes: Buffer): Array<{ topic: string; partitions: number[] }> {
  if (!bytes || bytes.length === 0) return [];
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(bytes);
    return Object.entries(decoded?.assignment ?? {})
      .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  } catch {
    // Not the consumer protocol (e.g. Kafka Connect): nothing we can show per partition.
    return [];
  }
}

async function describeMembers(groupId: string): Promise<GroupMember[]> {
  const [group] = (await kafkaAdmin("describeGroups", (admin) => admin.describeGroups([groupId]))).groups;
  return (group?.members ?? [])
    .map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.clientHost, assignment: decodeAssignment(m.memberAssignment) }))
    .sort((a, b) => a.clientId.localeCompare(b.clientId) || a.memberId.localeCompare(b.memberId));
}

/** One group: its lag per partition (the shared, 2 s cache) and its members with their assignments. */
export async function fetchConsumerGroupDetail(groupId: string): Promise<ConsumerGroupDetail> {
  const [group, members] = await Promise.all([describeConsumerGroup(groupId), cached(`kafka:members:${groupId}`, 2_000, () => describeMembers(groupId))]);
  return { ...group, memberDetails: members };
}

/** A PromQL string literal: backslashes and quotes escaped, so a group id cannot change the query. */
export function promqlString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

const ranges = { "15m": 15 * 60, "1h": 3_600, "6h": 6 * 3_600, "24h": 24 * 3_600 } as const;
export type LagRange = keyof typeof ranges;
export const lagRanges = Object.keys(ranges) as LagRange[];

/**
 * The group's total lag over time from Prometheus, which scrapes the console's own lag
 * exporter (`eventdeck_consumergroup_lag`); about 240 points whatever the range.
 */
export async function fetchLagHistory(groupId: string, range: LagRange): Promise<LagHistory> {
  const seconds = ranges[range];
  const end = Math.floor(Date.now() / 1000);
  const step = Math.max(2, Math.round(seconds / 240));
  const query = `sum(eventdeck_consumergroup_lag{group=${promqlString(groupId)}})`;
  const data = await prometheusGet<{ result: Array<{ values: Array<[number, string]> }> }>("query_range", {
    query,
    start: String(end - seconds),
    end: String(end),
    step: String(step),
  });
  const values = data.result[0]?.values ?? [];
  return { groupId, range, step, points: values.map(([t, v]) => ({ t: t * 1000, lag: Number(v) })) };
}
