import Link from "next/link";
import { Fragment } from "react";
import { cn } from "@/lib/cn";
import { formatInstant, timeAgo } from "@/lib/replay/describe";
import { collectionHref } from "@/lib/replay/rebuild";
import type { ProjectionInfo } from "@/lib/schemas/replay";

const link = "font-mono text-accent hover:underline";

/** A dotted name (database.collection, a group, a topic) that wraps after its dots, underscores and dashes rather than mid-word. */
export function Breakable({ text }: { text: string }) {
  return (
    <>
      {text.split(/(?<=[._-])/).map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** `database.collection`, linked to the collection's page. */
export function CollectionLink({ projection, className }: { projection: ProjectionInfo; className?: string }) {
  return (
    <Link href={collectionHref(projection.database, projection.collection)} className={cn(link, className)}>
      <Breakable text={`${projection.database}.${projection.collection}`} />
    </Link>
  );
}

export function GroupLink({ groupId, className }: { groupId: string; className?: string }) {
  return (
    <Link href={`/kafka/groups/${encodeURIComponent(groupId)}`} className={cn(link, className)}>
      <Breakable text={groupId} />
    </Link>
  );
}

export function TopicLink({ topic, className }: { topic: string; className?: string }) {
  return (
    <Link href={`/kafka/topics/${encodeURIComponent(topic)}`} className={cn(link, className)}>
      <Breakable text={topic} />
    </Link>
  );
}

/** live, or rebuilding (a dot that pulses): the text carries the state, the dot only its colour. */
export function ProjectionState({ state }: { state: ProjectionInfo["state"] }) {
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full border border-line px-2 py-0.5 text-xs font-medium">
      <span aria-hidden className={cn("size-2 rounded-full", state === "live" ? "bg-ok" : "animate-pulse bg-accent")} />
      {state}
    </span>
  );
}

/** "3 min ago" with the exact time in a tooltip, or "never". */
export function RebuiltAt({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-muted">never</span>;
  return (
    <time dateTime={iso} title={formatInstant(iso)}>
      {timeAgo(iso)}
    </time>
  );
}

/** The shadow build running beside the live read model: its collection, its group and since when. */
export function ShadowBuild({ projection }: { projection: ProjectionInfo }) {
  const { shadow } = projection;
  if (!shadow) return <span className="text-muted">none</span>;
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-1.5">
      <Link href={collectionHref(projection.database, shadow.collection)} className={link}>
        <Breakable text={shadow.collection} />
      </Link>
      <span className="text-muted">by</span>
      <GroupLink groupId={shadow.groupId} />
      <span className="text-muted">
        since <RebuiltAt iso={shadow.startedAt} />
      </span>
    </span>
  );
}
