import Link from "next/link";
import { partitionsText, rangeText, rewindText } from "@/lib/replay/describe";
import type { ProjectionInfo, ReplayJob } from "@/lib/schemas/replay";
import { CollectionLink, GroupLink, ShadowBuild } from "./projection-parts";
import { TermRow } from "@/components/ui/term-row";

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
        <TermRow term="Group">
          <Link href={`/kafka/groups/${encodeURIComponent(spec.groupId)}`} className="font-mono text-accent hover:underline">
            {spec.groupId}
          </Link>
        </TermRow>
        <TermRow term="Topics">{spec.topic ? topicLink(spec.topic) : "every topic it has offsets for"}</TermRow>
        <TermRow term="Rewound to">{rewindText(spec.to)}</TermRow>
        <TermRow term="Dry run">{job.plan.records.toLocaleString("en-US")} events to read again</TermRow>
      </dl>
    );
  }
  if (spec.kind === "rebuild") {
    return (
      <dl className="text-sm">
        <TermRow term="Projection">
          <span className="font-mono">
            {spec.service}/{spec.projection}
          </span>
        </TermRow>
        <TermRow term="Mode">
          {spec.mode === "shadow" ? "shadow: built beside the live read model, then swapped in" : "in place: emptied, then consumed again"}
        </TermRow>
        {projection && (
          <>
            <TermRow term="Read model now">
              <CollectionLink projection={projection} />
            </TermRow>
            <TermRow term="Its group now">
              <GroupLink groupId={projection.groupId} />
            </TermRow>
            <TermRow term="Fed from">{topicLink(projection.topic)}</TermRow>
            {projection.shadow && (
              <TermRow term="Shadow build">
                <ShadowBuild projection={projection} />
              </TermRow>
            )}
          </>
        )}
        <TermRow term="Dry run">{job.plan.records.toLocaleString("en-US")} events to read</TermRow>
      </dl>
    );
  }
  if (spec.kind !== "republish") {
    return (
      <dl className="text-sm">
        <TermRow term="Spec">
          <code className="font-mono text-xs">{JSON.stringify(spec)}</code>
        </TermRow>
      </dl>
    );
  }
  return (
    <dl className="text-sm">
      <TermRow term="Source">
        {topicLink(spec.source.topic)}, {partitionsText(spec.source.partitions)}
      </TermRow>
      <TermRow term="Range">{rangeText(spec.source.range)}</TermRow>
      <TermRow term="Filter">{spec.filter ? <code className="font-mono">{spec.filter}</code> : <span className="text-muted">none: every event</span>}</TermRow>
      <TermRow term="Target">
        {topicLink(spec.target.topic)}
        {job.plan.mapping && <span className="text-muted">, {job.plan.mapping === "same-partition" ? "same partition as read" : "partition by key"}</span>}
      </TermRow>
      <TermRow term="Rate limit">{spec.ratePerSecond ? `${spec.ratePerSecond.toLocaleString("en-US")} events/s` : "unlimited"}</TermRow>
      <TermRow term="Dry run">
        {job.plan.exact ? "" : "≈ "}
        {job.plan.matched.toLocaleString("en-US")} of {job.plan.records.toLocaleString("en-US")} records matched
      </TermRow>
      {job.progressGroup && (
        <TermRow term="Progress group">
          <span className="font-mono text-xs">{job.progressGroup}</span>
        </TermRow>
      )}
    </dl>
  );
}
