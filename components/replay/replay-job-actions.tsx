"use client";

import { Pause, Play, Square } from "lucide-react";
import { useState } from "react";
import { useCan } from "@/components/auth/session";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { formatCount } from "@/lib/format";
import { useReplayJobAction } from "@/lib/queries/replay";
import type { ReplayJob } from "@/lib/schemas/replay";
import { InlineError } from "@/components/ui/inline-error";

/** Pause, resume and cancel (operator), offered as the job's state allows; cancelling asks first. */
export function ReplayJobActions({ job }: { job: ReplayJob }) {
  const action = useReplayJobAction(job.id);
  const canAct = useCan("operator");
  const [confirmCancel, setConfirmCancel] = useState(false);
  const canPause = job.state === "running";
  const canResume = job.state === "paused";
  const canCancel = job.state === "running" || job.state === "paused" || job.state === "queued";
  if (!canAct || (!canPause && !canResume && !canCancel)) return null;
  const busy = action.isPending;
  return (
    <div className="flex flex-col items-end gap-1">
      <div role="group" aria-label="Job actions" className="flex flex-wrap gap-2">
        {canPause && (
          <Button onClick={() => action.mutate("pause")} disabled={busy}>
            <Pause aria-hidden className="size-4" /> Pause
          </Button>
        )}
        {canResume && (
          <Button variant="primary" onClick={() => action.mutate("resume")} disabled={busy}>
            <Play aria-hidden className="size-4" /> Resume
          </Button>
        )}
        {canCancel && (
          <Button onClick={() => setConfirmCancel(true)} disabled={busy} className="text-bad">
            <Square aria-hidden className="size-4" /> Cancel…
          </Button>
        )}
      </div>
      {action.error && <InlineError>{action.error.message}</InlineError>}
      <Dialog
        open={confirmCancel}
        onClose={() => setConfirmCancel(false)}
        title="Cancel this replay?"
        description={
          job.kind === "republish"
            ? `The job stops after its current transaction. The ${formatCount(job.progress.done)} events already written stay in the target; the rest are not written. A cancelled job cannot be resumed.`
            : job.spec.kind === "rebuild"
              ? job.spec.mode === "shadow"
                ? "The job stops following the rebuild. A shadow build the service has started keeps running there, and a new rebuild of this projection is refused until the service drops it. A cancelled job cannot be resumed."
                : "The job stops following the rebuild; the service goes on consuming, so the read model still fills up. A cancelled job cannot be resumed."
              : "The job stops; offsets already rewound stay where they are. A cancelled job cannot be resumed."
        }
      >
        <DialogActions>
          <Button onClick={() => setConfirmCancel(false)}>Keep it running</Button>
          <Button variant="danger" disabled={busy} onClick={() => action.mutate("cancel", { onSettled: () => setConfirmCancel(false) })}>
            {busy ? "Cancelling…" : "Cancel replay"}
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}
