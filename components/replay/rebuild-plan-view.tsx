import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { formatCount } from "@/lib/format";
import { rebuildModeText } from "@/lib/replay/describe";
import { stepExplanation } from "@/lib/replay/rebuild";
import type { RebuildPlan } from "@/lib/schemas/replay";
import { PlanWarnings } from "./plan-warnings";
import { CollectionLink, GroupLink, ProjectionState, RebuiltAt, ShadowBuild, TopicLink } from "./projection-parts";
import { TermRow } from "@/components/ui/term-row";

/** The dry run of a projection rebuild: how big the read model is, what it reads again, and the steps in order. */
export function RebuildPlanView({ plan }: { plan: RebuildPlan }) {
  const { projection: p, spec } = plan;
  return (
    <div className="space-y-4">
      <PlanWarnings warnings={plan.warnings} />
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Documents in the read model now" value={formatCount(plan.documents)} testId="plan-documents" />
        <Stat label="Events to read" value={formatCount(plan.records)} strong testId="plan-records" />
        <Stat label="Steps" value={plan.steps.length} />
        <Stat label="Mode" value={rebuildModeText(spec.mode)} />
      </dl>
      <p className="text-sm text-muted">
        {spec.mode === "shadow" ? (
          <>
            <span className="font-mono text-ink">{p.service}</span> builds its <span className="font-mono text-ink">{p.name}</span> read model again from the{" "}
            {plan.records.toLocaleString("en-US")} committed events of <TopicLink topic={p.topic} />, into a new collection under a new consumer group.{" "}
            <CollectionLink projection={p} /> keeps answering until the new collection, found identical, takes its place in one step.
          </>
        ) : (
          <>
            <CollectionLink projection={p} /> is dropped and <GroupLink groupId={p.groupId} /> rewound to the earliest offsets of <TopicLink topic={p.topic} />;{" "}
            <span className="font-mono text-ink">{p.service}</span> answers from an empty, then partial, read model until it has read the{" "}
            {plan.records.toLocaleString("en-US")} events again.
          </>
        )}
      </p>
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card className="p-0">
          <h3 className="px-3 pt-3 text-sm font-semibold">Steps</h3>
          <ol className="mt-2 text-sm">
            {plan.steps.map((name, i) => (
              <li key={name} className="flex gap-3 border-t border-line px-3 py-2" data-testid="plan-step">
                <span aria-hidden className="flex size-5 shrink-0 items-center justify-center rounded-full border border-line font-mono text-xs text-muted">
                  {i + 1}
                </span>
                <div className="min-w-0">
                  <p className="font-medium">{name}</p>
                  {stepExplanation(spec.mode, name) && <p className="text-muted">{stepExplanation(spec.mode, name)}</p>}
                </div>
              </li>
            ))}
          </ol>
        </Card>
        <Card className="p-0">
          <h3 className="px-3 pt-3 text-sm font-semibold">Projection</h3>
          <dl className="mt-2 text-sm">
            <TermRow term="Service">
              <span className="font-mono">{p.service}</span>
            </TermRow>
            <TermRow term="Read model">
              <CollectionLink projection={p} />
            </TermRow>
            <TermRow term="Consumer group">
              <GroupLink groupId={p.groupId} />
            </TermRow>
            <TermRow term="Fed from">
              <TopicLink topic={p.topic} />
            </TermRow>
            <TermRow term="State">
              <ProjectionState state={p.state} />
            </TermRow>
            <TermRow term="Last rebuilt">
              <RebuiltAt iso={p.rebuiltAt} />
            </TermRow>
            {p.shadow && (
              <TermRow term="Shadow build">
                <ShadowBuild projection={p} />
              </TermRow>
            )}
          </dl>
        </Card>
      </div>
    </div>
  );
}
