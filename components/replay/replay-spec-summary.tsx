import Link from "next/link";
import type { ReactNode } from "react";
import { partitionsText, rangeText, rewindText } from "@/lib/replay/describe";
import type { ProjectionInfo, ReplayJob } from "@/lib/schemas/replay";
import { CollectionLink, GroupLink, ShadowBuild } from "./projection-parts";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 border-t border-line px-3 py-1.5 first:border-t-0">
      <dt className="text-muted">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

const topicLink = (topic: string) => (
  <Link href={`/kafka/topics/${encodeURIComponent(topic)}`} className="font-mono text-accent hover:underline">
    {topic}
  </Link>
);

/**
 * What the job was asked to do, and the dry run's numbers when it was created; for a rebuild,
 * also its read model as the service reports it now (`projection`, when it answers).
 */
export function ReplaySpecSummary({ job, projection }: { job: ReplayJob; projection?: ProjectionInfo }) {
  const { spec } = job;
  if (spec.kind === "reprocess") {
    return (
      <dl className="text-sm">
        <Row term="Group">
          <Link href={`/kafka/groups/${encodeURIComponent(spec.groupId)}`} className="font-mono text-accent hover:underline">
            {spec.groupId}
          </Link>
        </Row>
        <Row term="Topics">{spec.topic ? topicLink(spec.topic) : "every topic it has offsets for"}</Row>
        <Row term="Rewound to">{rewindText(spec.to)}</Row>
        <Row term="Dry run">{job.plan.records.toLocaleString("en-US")} events to read again</Row>
      </dl>
    );
  }
  if (spec.kind === "rebuild") {
    return (
      <dl className="text-sm">
        <Row term="Projection">
          <span className="font-mono">
            {spec.service}/{spec.projection}
          </span>
        </Row>
        <Row term="Mode">{spec.mode === "shadow" ? "shadow: built beside the live read model, then swapped in" : "in place: emptied, then consumed again"}</Row>
        {projection && (
          <>
            <Row term="Read model now">
              <CollectionLink projection={projection} />
            </Row>
            <Row term="Its group now">
              <GroupLink groupId={projection.groupId} />
            </Row>
            <Row term="Fed from">{topicLink(projection.topic)}</Row>
            {projection.shadow && (
              <Row term="Shadow build">
                <ShadowBuild projection={projection} />
              </Row>
            )}
          </>
        )}
        <Row term="Dry run">{job.plan.records.toLocaleString("en-US")} events to read</Row>
      </dl>
    );
  }
  if (spec.kind !== "republish") {
    return (
      <dl className="text-sm">
        <Row term="Spec">
          <code className="font-mono text-xs">{JSON.stringify(spec)}</code>
        </Row>
      </dl>
    );
  }
  return (
    <dl className="text-sm">
      <Row term="Source">
        {topicLink(spec.source.topic)}, {partitionsText(spec.source.partitions)}
      </Row>
      <Row term="Range">{rangeText(spec.source.range)}</Row>
      <Row term="Filter">{spec.filter ? <code className="font-mono">{spec.filter}</code> : <span className="text-muted">none: every event</span>}</Row>
      <Row term="Target">
        {topicLink(spec.target.topic)}
        {job.plan.mapping && <span className="text-muted">, {job.plan.mapping === "same-partition" ? "same partition as read" : "partition by key"}</span>}
      </Row>
      <Row term="Rate limit">{spec.ratePerSecond ? `${spec.ratePerSecond.toLocaleString("en-US")} events/s` : "unlimited"}</Row>
      <Row term="Dry run">
        {job.plan.exact ? "" : "≈ "}
        {job.plan.matched.toLocaleString("en-US")} of {job.plan.records.toLocaleString("en-US")} records matched
      </Row>
      {job.progressGroup && (
        <Row term="Progress group">
          <span className="font-mono text-xs">{job.progressGroup}</span>
        </Row>
      )}
    </dl>
  );
}
