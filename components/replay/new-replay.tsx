"use client";

import { FlaskConical, Play } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { RoleNote } from "@/components/auth/role-note";
import { useCan } from "@/components/auth/session";
import { CreateTopicButton } from "@/components/kafka/create-topic-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useConsumerGroups, useTopics } from "@/lib/queries/kafka";
import { useCreateReplayJob, usePlanReplay } from "@/lib/queries/replay";
import { replayFormFrom, replayFormQuery, replaySpecOf, type ReplayFormValues, type ReplayKind } from "@/lib/replay/form";
import { RadioCards, type RadioCard } from "./radio-cards";
import { RebuildFields } from "./rebuild-fields";
import { RebuildPlanView } from "./rebuild-plan-view";
import { ReplayConfirmDialog } from "./replay-confirm-dialog";
import { ReplayRefusal } from "./replay-refusal";
import { RepublishFields } from "./replay-form-fields";
import { ReprocessFields } from "./reprocess-fields";
import { ReprocessPlanView } from "./reprocess-plan-view";
import { RepublishPlanView } from "./republish-plan-view";

const kindChoices: Array<RadioCard<ReplayKind>> = [
  { value: "republish", title: "Re-publish events", description: "Copy events of a topic, filtered, to the same or another topic." },
  { value: "reprocess", title: "Reprocess with a consumer group", description: "Rewind a stopped group so it reads events again." },
  { value: "rebuild", title: "Rebuild a projection", description: "Build a service's read model again from its topic, beside the live one or in place." },
];

/**
 * The new-replay page: the form (its values live in the URL, so it can be shared or linked
 * to prefilled), the dry run, then a confirmation before anything is written.
 */
export function NewReplay() {
  const params = useSearchParams();
  const router = useRouter();
  const [values, setValues] = useState<ReplayFormValues>(() => replayFormFrom(params));
  const [attempted, setAttempted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const planHeading = useRef<HTMLHeadingElement>(null);
  const plan = usePlanReplay();
  const create = useCreateReplayJob();
  const canStart = useCan("operator");
  const topics = useTopics({ internal: false }).data?.topics ?? [];
  const groups = useConsumerGroups().data?.groups ?? [];
  const result = replaySpecOf(values);
  const problems = attempted ? (result.problems ?? {}) : {};

  // The URL follows the form without a navigation, so a reload or a shared link restores it.
  useEffect(() => {
    const query = replayFormQuery(values);
    if (query !== window.location.search.slice(1)) window.history.replaceState(null, "", `?${query}`);
  }, [values]);

  // Keyboard and screen-reader users land on the dry run once it arrives.
  useEffect(() => {
    if (plan.data) planHeading.current?.focus();
  }, [plan.data]);

  const { reset: resetPlan, mutate: runPlan } = plan;
  const { reset: resetCreate } = create;
  const set = <K extends keyof ReplayFormValues>(key: K, value: ReplayFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    // What was planned no longer matches the form: plan again before starting.
    resetPlan();
    resetCreate();
  };
  const dryRun = () => {
    setAttempted(true);
    resetCreate();
    if (result.spec) runPlan(result.spec);
  };

  const source = topics.find((t) => t.name === values.topic.trim());
  const targetName = plan.data?.kind === "republish" ? plan.data.target.topic : values.target.trim() || values.topic.trim();
  const createTarget = (
    <div className="flex flex-wrap items-center gap-3">
      <CreateTopicButton
        label={`Create topic ${targetName}`}
        variant="default"
        initialName={targetName}
        initialPartitions={source?.partitions ?? 3}
        onCreated={() => {
          resetCreate();
          if (result.spec) runPlan(result.spec);
        }}
      />
      <Link href="/kafka/topics" className="text-sm text-accent hover:underline">
        Open the topics page
      </Link>
    </div>
  );

  return (
    <div className="space-y-4">
      <Card>
        <form
          aria-label="New replay"
          className="space-y-5"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            dryRun();
          }}
        >
          <RadioCards
            legend="Kind"
            name="replay-kind"
            choices={kindChoices}
            value={values.kind}
            onChange={(kind) => set("kind", kind)}
            className="lg:grid-cols-3"
          />
          {values.kind === "republish" ? (
            <RepublishFields values={values} set={set} problems={problems} topics={topics} />
          ) : values.kind === "reprocess" ? (
            <ReprocessFields values={values} set={set} problems={problems} groups={groups} />
          ) : (
            <RebuildFields values={values} set={set} problems={problems} />
          )}
          <div className="flex flex-wrap items-center gap-3 border-t border-line pt-4">
            <Button type="submit" variant="primary" disabled={plan.isPending}>
              <FlaskConical aria-hidden className="size-4" /> {plan.isPending ? "Running the dry run…" : "Dry run"}
            </Button>
            <p className="text-sm text-muted">
              {values.kind === "rebuild"
                ? "Step 1 of 2: asks the service for the projection and counts its documents and the events it would read. Nothing changes."
                : "Step 1 of 2: counts what would be read and written. Nothing is written."}
            </p>
          </div>
        </form>
      </Card>

      {plan.isPending && (
        <Card className="space-y-2" aria-busy="true" aria-label="Running the dry run">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-5 w-full" />
          ))}
        </Card>
      )}
      {plan.error && <ReplayRefusal error={plan.error} groupId={values.group.trim()} />}
      {plan.data && (
        <section aria-labelledby="replay-plan-heading" className="space-y-4">
          <h2
            id="replay-plan-heading"
            ref={planHeading}
            tabIndex={-1}
            className="text-lg font-semibold tracking-tight focus:outline-none focus-visible:outline-2"
          >
            Dry run
          </h2>
          {plan.data.kind === "republish" ? (
            <RepublishPlanView plan={plan.data} createTarget={createTarget} />
          ) : plan.data.kind === "reprocess" ? (
            <ReprocessPlanView plan={plan.data} />
          ) : (
            <RebuildPlanView plan={plan.data} />
          )}
          {canStart ? (
            <Card className="space-y-3">
              <div className="flex flex-wrap items-center gap-3">
                <Button variant="danger" onClick={() => (resetCreate(), setConfirming(true))} disabled={create.isPending}>
                  <Play aria-hidden className="size-4" /> {plan.data.kind === "rebuild" ? "Start rebuild…" : "Start replay…"}
                </Button>
                <p className="text-sm text-muted">
                  {plan.data.kind === "rebuild"
                    ? "Step 2 of 2: asks for confirmation, then runs the steps as a job you can follow, each with what it found."
                    : "Step 2 of 2: asks for confirmation, then runs as a job you can follow, pause and cancel."}
                </p>
              </div>
              {create.error && (
                <ReplayRefusal
                  error={create.error}
                  groupId={plan.data.kind === "reprocess" ? plan.data.groupId : undefined}
                  createTarget={plan.data.kind === "republish" ? createTarget : undefined}
                />
              )}
            </Card>
          ) : (
            <RoleNote role="operator" what="Starting a replay" />
          )}
          <ReplayConfirmDialog
            plan={plan.data}
            open={confirming}
            pending={create.isPending}
            onClose={() => setConfirming(false)}
            onConfirm={() =>
              create.mutate(plan.data!.spec, {
                onSuccess: ({ job }) => router.push(`/replay/${encodeURIComponent(job.id)}`),
                onSettled: () => setConfirming(false),
              })
            }
          />
        </section>
      )}
    </div>
  );
}
