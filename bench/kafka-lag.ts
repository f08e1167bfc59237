import { alternately, benchArgs, benchKafka, ensureBenchTopics, median, timed } from "./kafka-fixture";

interface Coordinator {
  offsetCommit(request: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>;
  }): Promise<unknown>;
  listOffsets(request: {
    isolationLevel: 0 | 1;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; timestamp: number }> }>;
  }): Promise<{ responses: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> }>;
  fetch(request: {
    isolationLevel: 0 | 1;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }> }>;
  }): Promise<unknown>;
}
interface Cluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findGroupCoordinator(request: { groupId: string }): Promise<Coordinator>;
  findBroker(request: { nodeId: string }): Promise<Coordinator>;
  brokerPool: { metadata: { brokers: Array<{ nodeId: number }> } };
}

/** Groups of one fixture size share a prefix naming it, like the topics (each group commits on up to 20 of them). */
const groupPrefix = (count: number, partitions: number) => `eventdeck-bench-lag-${count}x${partitions}-`;
const groupName = (prefix: string, i: number) => `${prefix}${String(i).padStart(3, "0")}`;

/**
 * Lag of every group: the console's groups API, cold (every console cache and the record-age
 * cache cleared each round) and warm (the 2-s answer caches cleared, record ages remembered
 * from the previous call, as a viewer polling the page sees it), against the bare minimum for
 * lag in messages (ListGroups, DescribeGroups, OffsetFetch per group, Metadata, one ListOffsets
 * per broker) and, as a second figure, the bare protocol calls for the console's whole answer.
 * Then the load on Kafka with 1 and with 20 viewers polling the API every second.
 */
export async function benchKafkaLag() {
  const { topics: count, partitions, groups, rounds, warmup, loadSeconds } = benchArgs();
  const kafka = benchKafka();
  const admin = kafka.admin();
  await admin.connect();
  const topics = await ensureBenchTopics(admin, count, partitions);
  const prefix = groupPrefix(count, partitions);
  const topicsPerGroup = Math.min(20, count);

  // Each group has committed offset 0 on up to 20 topics: a lag of at least one message per partition.
  // kafkajs's internal cluster: the bare script talks the protocol with no console code in between.
  const { createCluster } = await import("../server/kafka/client");
  const cluster = createCluster<Cluster>(kafka, { allowAutoTopicCreation: false });
  await cluster.connect();
  await cluster.refreshMetadata();
  for (let g = 0; g < groups; g++) {
    const groupId = groupName(prefix, g);
    const coordinator = await cluster.findGroupCoordinator({ groupId });
    const mine = Array.from({ length: topicsPerGroup }, (_, k) => topics[(g * 20 + k) % topics.length]!);
    await coordinator.offsetCommit({
      groupId,
      groupGenerationId: -1,
      memberId: "",
      topics: mine.map((topic) => ({ topic, partitions: Array.from({ length: partitions }, (_, p) => ({ partition: p, offset: "0" })) })),
    });
  }

  /**
   * The bare minimum for lag in messages: ListGroups on every broker, DescribeGroups, one
   * OffsetFetch per group (kafkajs's admin sends just these), one ListOffsets per broker.
   * With `same`, also what the console's answer needs besides: the earliest and last stable
   * offsets (two more ListOffsets per broker) and one Fetch per broker at every lagging
   * partition's committed offset for the age of its oldest unread message.
   */
  const bareLag = async (same: boolean) => {
    const ids = (await admin.listGroups()).groups.map((g) => g.groupId);
    await admin.describeGroups(ids);
    const committed = await Promise.all(ids.map((groupId) => admin.fetchOffsets({ groupId })));
    const { topics: metadata } = await admin.fetchTopicMetadata();
    const byLeader = new Map<number, Map<string, number[]>>();
    const leaderOf = new Map<string, number>();
    for (const t of metadata)
      for (const p of t.partitions) {
        const m = byLeader.get(p.leader) ?? new Map<string, number[]>();
        m.set(t.name, [...(m.get(t.name) ?? []), p.partitionId]);
        byLeader.set(p.leader, m);
        leaderOf.set(`${t.name}/${p.partitionId}`, p.leader);
      }
    const list = (timestamp: number, isolationLevel: 0 | 1) =>
      Promise.all(
        [...byLeader].map(async ([nodeId, m]) =>
          (await cluster.findBroker({ nodeId: String(nodeId) })).listOffsets({
            isolationLevel,
            topics: [...m].map(([topic, ps]) => ({ topic, partitions: ps.map((partition) => ({ partition, timestamp })) })),
          }),
        ),
      );
    const [ends] = await Promise.all([list(-1, 0), ...(same ? [list(-2, 0), list(-1, 1)] : [])]);
    if (same) {
      const end = new Map<string, string>(
        ends!.flatMap((r) => r.responses.flatMap((t) => t.partitions.map((p) => [`${t.topic}/${p.partition}`, p.offset] as const))),
      );
      const probes = new Map<number, Map<string, Array<{ partition: number; fetchOffset: string; maxBytes: number }>>>();
      for (const group of committed)
        for (const t of group)
          for (const p of t.partitions) {
            const key = `${t.topic}/${p.partition}`;
            if (p.offset === "-1" || !end.has(key) || BigInt(p.offset) >= BigInt(end.get(key)!)) continue;
            const leader = leaderOf.get(key)!;
            const m = probes.get(leader) ?? new Map();
            m.set(t.topic, [...(m.get(t.topic) ?? []), { partition: p.partition, fetchOffset: p.offset, maxBytes: 64 * 1024 }]);
            probes.set(leader, m);
          }
      await Promise.all(
        [...probes].map(async ([nodeId, m]) =>
          (await cluster.findBroker({ nodeId: String(nodeId) })).fetch({
            isolationLevel: 1,
            maxWaitTime: 0,
            minBytes: 0,
            maxBytes: 16 * 1024 * 1024,
            // A partition asked twice in one request is refused: one entry per partition.
            topics: [...m].map(([topic, ps]) => ({ topic, partitions: [...new Map(ps.map((p) => [p.partition, p])).values()] })),
          }),
        ),
      );
    }
    if (committed.length < groups || !ends?.length) throw new Error("bare script saw too few groups");
  };

  const { invalidate } = await import("../server/cache");
  const { forgetRecordAges } = await import("../server/kafka/lag-age");
  const { getConsoleMetrics } = await import("../server/metrics/registry");
  const groupsRoute = await import("../app/api/kafka/groups/route");
  const callApi = async () => {
    const response = await groupsRoute.GET(new Request("http://localhost/api/kafka/groups"), undefined as never);
    const body = (await response.json()) as { groups?: Array<{ groupId: string; totalLag: string; lagSeconds: number | null }>; error?: { message: string } };
    if (response.status !== 200 || !body.groups) throw new Error(`groups API answered ${response.status}: ${body.error?.message}`);
    return body.groups;
  };
  const ours = async () => {
    invalidate("");
    const seen = (await callApi()).filter((g) => g.groupId.startsWith(prefix));
    if (seen.length < groups || seen.some((g) => BigInt(g.totalLag) < BigInt(topicsPerGroup * partitions) || g.lagSeconds === null))
      throw new Error(`groups API reported unexpected lag: ${JSON.stringify(seen.slice(0, 3))} (${seen.length} groups)`);
  };
  const oursCold = async () => {
    forgetRecordAges();
    await ours();
  };

  for (let i = 0; i < warmup; i++) {
    await oursCold();
    await ours();
    await bareLag(false);
    await bareLag(true);
  }
  const coldMs: number[] = [];
  const warmMs: number[] = [];
  const bareMs: number[] = [];
  const sameMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Warm follows cold: the cold call leaves the record ages a polling viewer's previous call would have.
    const oursPair = async () => {
      coldMs.push(await timed(oursCold));
      warmMs.push(await timed(ours));
    };
    const peers = async () => {
      bareMs.push(await timed(() => bareLag(false)));
      sameMs.push(await timed(() => bareLag(true)));
    };
    await alternately(i, oursPair, peers);
    console.error(
      `bench: round ${i + 1}: groups API cold ${coldMs.at(-1)!.toFixed(0)} ms, warm ${warmMs.at(-1)!.toFixed(0)} ms; bare minimum for lag in messages ${bareMs.at(-1)!.toFixed(0)} ms, bare protocol for the same answer ${sameMs.at(-1)!.toFixed(0)} ms`,
    );
  }

  // Viewers poll every second for 20 s; what reaches Kafka is counted at the console's sockets.
  const requests = async () => (await getConsoleMetrics().kafkaRequests.get()).values[0]?.value ?? 0;
  const load = async (viewers: number) => {
    invalidate("kafka:");
    const before = await requests();
    const seconds = loadSeconds;
    await Promise.all(
      Array.from({ length: viewers }, async (_, v) => {
        await new Promise((resolve) => setTimeout(resolve, (v * 1000) / viewers));
        for (let t = 0; t < seconds; t++) {
          const tick = performance.now();
          await callApi();
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (performance.now() - tick))));
        }
      }),
    );
    const perSecond = ((await requests()) - before) / seconds;
    console.error(`bench: ${viewers} viewer(s) polling every second: ${perSecond.toFixed(1)} Kafka requests/s`);
    return perSecond;
  };
  const one = await load(1);
  const twenty = await load(20);

  await cluster.disconnect();
  await admin.disconnect();
  const cold = median(coldMs);
  const warm = median(warmMs);
  const bare = median(bareMs);
  const same = median(sameMs);
  return {
    bench: "kafka-lag",
    unit: "ms",
    ours: Math.round(cold),
    oursDoes:
      "GET /api/kafka/groups handler in process, cold: every console cache and the record-age cache cleared (kafkajs connections kept); ListGroups, DescribeGroups, OffsetFetch per group, Metadata, earliest, latest and last-stable ListOffsets per broker, one Fetch per broker at every lagging partition for the age of its oldest unread message; lag in messages and seconds of every group",
    peer: "the bare minimum for lag in messages",
    peerDoes:
      "a connected kafkajs admin and cluster: listGroups, describeGroups of all, fetchOffsets per group, fetchTopicMetadata, one ListOffsets (latest) per broker for every partition; lag in messages only, no ages, no stable offsets",
    peerValue: Math.round(bare),
    ratio: Number((cold / bare).toFixed(2)),
    warm: {
      ours: Math.round(warm),
      oursDoes:
        "the same handler with the 2-s answer caches cleared but the record ages of the previous call remembered (a polling viewer's case): no Fetch when no group moved",
      ratio: Number((warm / bare).toFixed(2)),
    },
    sameAnswer: {
      peerDoes:
        "the bare protocol calls for the console's whole answer: the minimum plus earliest and last-stable ListOffsets per broker and one Fetch per broker at every lagging partition's committed offset",
      peerValue: Math.round(same),
      ratioCold: Number((cold / same).toFixed(2)),
      ratioWarm: Number((warm / same).toFixed(2)),
    },
    n: rounds,
    warmup,
    groups,
    topics: count,
    partitions,
    kafkaRequestsPerSecond: {
      seconds: loadSeconds,
      oneViewer: Number(one.toFixed(1)),
      twentyViewers: Number(twenty.toFixed(1)),
      ratio: Number((twenty / one).toFixed(2)),
    },
  };
}
