"use client";

import { RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/auth/session";
import { ReplayConfirmDialog } from "@/components/replay/replay-confirm-dialog";
import { Button } from "@/components/ui/button";
import { useCreateReplayJob, usePlanReplay } from "@/lib/queries/replay";
import type { ReplaySpec } from "@/lib/schemas/replay";
import type { CopyComparison } from "@/lib/schemas/system";
import { InlineError } from "@/components/ui/inline-error";

/** The re-publish of one entity's events: its key's partition of the source topic, back onto the same topic. */
export function entityReplaySpec(replay: NonNullable<CopyComparison["replay"]>): ReplaySpec {
  return {
    kind: "republish",
    source: { topic: replay.topic, partitions: [replay.partition], range: { kind: "all" } },
    filter: `key == ${JSON.stringify(replay.key)}`,
    target: { topic: replay.topic },
  };
}

/**
 * "Replay this entity's events": a dry run of the re-publish first (what the replay engine
 * would copy), the replay confirmation dialog, then the job's page. Consumers apply an event
 * only when it is newer than their copy, so the copy catches up and nothing else changes.
 */
export function EntityReplayButton({ replay }: { replay: NonNullable<CopyComparison["replay"]> }) {
  const canReplay = useCan("operator");
  const plan = usePlanReplay();
  const create = useCreateReplayJob();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const spec = entityReplaySpec(replay);
  if (!canReplay) return <span className="text-xs text-muted">An operator can replay this entity&apos;s events.</span>;
  return (
    <>
      <Button
        onClick={() => {
          create.reset();
          plan.mutate(spec, { onSuccess: () => setOpen(true) });
        }}
        disabled={plan.isPending}
      >
        <RotateCcw aria-hidden className="size-4" /> {plan.isPending ? "Dry run…" : "Replay this entity's events"}
      </Button>
      {plan.error && <InlineError className="text-xs">{plan.error.message}</InlineError>}
      {create.error && <InlineError className="text-xs">{create.error.message}</InlineError>}
      {plan.data && (
        <ReplayConfirmDialog
          plan={plan.data}
          open={open}
          pending={create.isPending}
          onClose={() => setOpen(false)}
          onConfirm={() =>
            create.mutate(spec, {
              onSuccess: ({ job }) => {
                setOpen(false);
                router.push(`/replay/${job.id}`);
              },
            })
          }
        />
      )}
    </>
  );
}
