"use client";

import dagre from "@dagrejs/dagre";
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { Database, Radio, Server, Users } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { cn } from "@/lib/cn";
import { formatCount, formatDuration } from "@/lib/format";
import type { Health, MapEdge, MapGroup, MapService, MapTopic, SystemMap } from "@/lib/schemas/system";
import { healthDot, healthStroke, healthText, rateText } from "./health";

function HealthDot({ health, label }: { health: Health; label: string }) {
  return (
    <span title={`${label}: ${healthText[health]}`} className="inline-flex items-center">
      <span aria-hidden className={cn("size-2.5 rounded-full", healthDot[health])} />
      <span className="sr-only">
        {label}: {healthText[health]}
      </span>
    </span>
  );
}

type ServiceData = { service: MapService };
type TopicData = { topic: MapTopic };
type GroupData = { group: MapGroup };

const hidden = "!size-1.5 !min-h-0 !min-w-0 !border-0 !bg-line";

/** Where an edge that goes back up the graph leaves and arrives: the right side. */
function BackHandles() {
  return (
    <>
      <Handle type="source" id="back-out" position={Position.Right} className={hidden} />
      <Handle type="target" id="back-in" position={Position.Right} className={hidden} />
    </>
  );
}

function ServiceNode({ data: { service } }: NodeProps<Node<ServiceData>>) {
  return (
    <div
      className={cn(
        "w-60 rounded-lg border-2 bg-surface p-2.5 text-xs shadow-sm",
        service.health === "critical" ? "border-bad" : service.health === "warning" ? "border-amber-500" : "border-line",
      )}
    >
      <Handle type="target" position={Position.Top} className={hidden} />
      <div className="flex items-center gap-1.5">
        <Server aria-hidden className="size-4 text-accent" />
        <span className="text-sm font-semibold">{service.name}</span>
        <HealthDot health={service.health} label={service.name} />
        {service.dashboard && (
          <Link href={`/metrics/${service.dashboard}?var-service=${encodeURIComponent(service.name)}`} className="nodrag ml-auto text-accent hover:underline">
            metrics
          </Link>
        )}
      </div>
      <p className="mt-0.5 text-muted">
        {service.up === null ? "not scraped" : service.up ? "up" : "down"}
        {service.errorRate ? ` · ${service.errorRate.toFixed(2)} errors/s` : ""}
      </p>
      {service.database && (
        <div className="mt-1.5 border-t border-line pt-1.5">
          <Link href={`/mongo/${encodeURIComponent(service.database)}`} className="nodrag inline-flex items-center gap-1 font-medium hover:underline">
            <Database aria-hidden className="size-3.5 text-muted" /> {service.database}
          </Link>
          <ul className="mt-0.5 space-y-0.5 pl-5">
            {service.collections.map((c) => (
              <li key={c.name} className="flex justify-between gap-2">
                <Link
                  href={`/mongo/${encodeURIComponent(service.database!)}/${encodeURIComponent(c.name)}`}
                  className="nodrag truncate font-mono hover:underline"
                >
                  {c.name}
                </Link>
                <span className="tabular-nums text-muted">{c.documents === null ? "" : formatCount(c.documents)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Handle type="source" position={Position.Bottom} className={hidden} />
      <BackHandles />
    </div>
  );
}

function TopicNode({ data: { topic } }: NodeProps<Node<TopicData>>) {
  return (
    <div className="w-64 rounded-full border border-line bg-canvas px-4 py-2 text-xs shadow-sm">
      <Handle type="target" position={Position.Top} className={hidden} />
      <Link href={`/kafka/topics/${encodeURIComponent(topic.name)}`} className="nodrag flex items-center gap-1.5 font-mono font-medium hover:underline">
        <Radio aria-hidden className="size-3.5 shrink-0 text-accent" />
        <span className="truncate">{topic.name}</span>
      </Link>
      <p className="pl-5 text-muted">
        {topic.partitions} partition{topic.partitions === 1 ? "" : "s"} · {rateText(topic.rate)}
      </p>
      <Handle type="source" position={Position.Bottom} className={hidden} />
      <BackHandles />
    </div>
  );
}

function GroupNode({ data: { group } }: NodeProps<Node<GroupData>>) {
  return (
    <div className="w-56 rounded-lg border border-dashed border-line bg-surface p-2 text-xs">
      <Handle type="target" position={Position.Top} className={hidden} />
      <BackHandles />
      <Link href={`/kafka/groups/${encodeURIComponent(group.groupId)}`} className="nodrag flex items-center gap-1.5 font-mono hover:underline">
        <Users aria-hidden className="size-3.5 shrink-0 text-muted" />
        <span className="truncate">{group.groupId}</span>
      </Link>
      <p className="pl-5 text-muted">{group.clientIds.length ? `client ${group.clientIds.join(", ")}` : "no members"}</p>
    </div>
  );
}

// Not "group": React Flow styles its own node type of that name.
const nodeTypes = { service: ServiceNode, topic: TopicNode, consumer: GroupNode };

function serviceHeight(service: MapService): number {
  return 58 + (service.database ? 26 + service.collections.length * 17 : 0);
}

function edgeLabel(edge: MapEdge): string {
  if (edge.kind === "produces") return rateText(edge.rate);
  const lag = edge.lag === null ? "" : `lag ${formatCount(edge.lag)}${edge.lagSeconds ? ` (${formatDuration(edge.lagSeconds)})` : ""}`;
  return [edge.groupId, lag].filter(Boolean).join(" · ");
}

/** Lays the graph out top to bottom (dagre): producers above their topics, topics above their consumers. */
export function layoutMap(map: SystemMap): { nodes: Node[]; edges: Edge[] } {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "TB", nodesep: 60, ranksep: 56, marginx: 10, marginy: 10 });
  graph.setDefaultEdgeLabel(() => ({}));
  const nodes: Node[] = [];
  const add = (node: Node, width: number, height: number) => {
    nodes.push(node);
    graph.setNode(node.id, { width, height });
  };
  for (const service of map.services)
    add({ id: `service:${service.name}`, type: "service", position: { x: 0, y: 0 }, data: { service } }, 240, serviceHeight(service));
  for (const topic of map.topics) add({ id: `topic:${topic.name}`, type: "topic", position: { x: 0, y: 0 }, data: { topic } }, 256, 48);
  const outsiders = map.groups.filter((g) => g.service === null);
  for (const group of outsiders) add({ id: `group:${group.groupId}`, type: "consumer", position: { x: 0, y: 0 }, data: { group } }, 224, 44);

  const edges: Edge[] = map.edges
    .filter((e) => (e.kind === "produces" ? e.service !== null : true))
    .map((edge, i) => {
      const from = edge.kind === "produces" ? `service:${edge.service}` : `topic:${edge.topic}`;
      const to = edge.kind === "produces" ? `topic:${edge.topic}` : edge.service ? `service:${edge.service}` : `group:${edge.groupId}`;
      graph.setEdge(from, to);
      const color = edge.kind === "produces" ? "#2453d4" : healthStroke[edge.health];
      return {
        id: `e${i}`,
        source: from,
        target: to,
        label: edgeLabel(edge),
        animated: edge.health === "warning" || edge.health === "critical",
        style: { stroke: color, strokeWidth: edge.health === "critical" ? 2.5 : 1.5 },
        markerEnd: { type: MarkerType.ArrowClosed, color },
        labelStyle: { fontSize: 11, fill: edge.kind === "consumes" && edge.health !== "ok" ? color : "#5c6470" },
        labelBgStyle: { fillOpacity: 0.85 },
      } satisfies Edge;
    });
  dagre.layout(graph);
  for (const node of nodes) {
    const placed = graph.node(node.id);
    node.position = { x: placed.x - placed.width / 2, y: placed.y - placed.height / 2 };
  }
  // An edge back up (a topic read by a service above it, as in a saga) runs along the right side,
  // far enough out that its label clears the labels of the edges going down the middle.
  const y = new Map(nodes.map((n) => [n.id, n.position.y]));
  for (const edge of edges) {
    if ((y.get(edge.target) ?? 0) < (y.get(edge.source) ?? 0))
      Object.assign(edge, { sourceHandle: "back-out", targetHandle: "back-in", type: "smoothstep", pathOptions: { offset: 56 } });
  }
  return { nodes, edges };
}

/** The service map: pan and zoom, every node a link to its page; the table under it says the same in rows. */
export function ServiceMap({ map }: { map: SystemMap }) {
  const { nodes, edges } = useMemo(() => layoutMap(map), [map]);
  if (nodes.length === 0) {
    return (
      <p className="p-6 text-sm text-muted">
        No services or topics found: declare services in the system config, or start them so their groups and metrics show.
      </p>
    );
  }
  return (
    <div className="h-[44rem] w-full" data-testid="service-map">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.06, maxZoom: 1 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        minZoom={0.3}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
